"""The words of the `ntm` command: what click would print, the commands' messages and the
list of criteria sets."""
from __future__ import annotations

from .formats import LANGS

# the `ntm` command (ntmlib.cli, ntmlib.cli.translation): what click would print, and the command's messages
CLI_WORDS = {
    "vi": {
        "usage": "Cách dùng:", "options": "Tùy chọn", "arguments": "Tham số", "commands": "Lệnh", "examples": "Ví dụ",
        "options_metavar": "[TÙY_CHỌN]", "command_metavar": "LỆNH [THAM_SỐ]...",
        "required": "bắt buộc", "default": "mặc định: {value}", "envvar": "biến môi trường: {name}",
        "try_help": "Xem '{command} --help' để biết cách dùng.", "error": "Lỗi: {message}",
        "missing_option": "thiếu tùy chọn {name}.", "missing_argument": "thiếu tham số {name}.",
        "invalid": "giá trị không hợp lệ cho {name}: {message}", "no_such_option": "không có tùy chọn '{name}'.",
        "no_such_command": "không có lệnh '{name}'.", "did_you_mean": "Có phải: {names}?",
        "needs_value": "tùy chọn '{name}' cần một giá trị.", "takes_no_value": "tùy chọn '{name}' không nhận giá trị.",
        "extra_args": "thừa tham số: {args}.", "missing_command": "thiếu lệnh; các lệnh: {commands}.",
        "not_int": "'{value}' không phải số nguyên.", "not_choice": "'{value}' không phải một trong {choices}.",
        "not_date": "'{value}' không phải ngày dạng YYYY-MM-DD.", "no_folder": "không có thư mục '{path}'.",
        "is_file": "'{path}' là một tệp, không phải thư mục.", "aborted": "Đã dừng.",
        "version": "{prog}, phiên bản {version}",
        "data_errors": "Lỗi dữ liệu ({n} vấn đề):", "written": "Đã ghi {path}", "copied": "Đã chép {path}",
        "skipped": "Không dùng khi chấm ({n} mục, không phải lỗi):",
        "valid": "{dataset}: dữ liệu hợp lệ, không có vấn đề.",
        "no_tier_set": "không có bộ tiêu chí hạng '{tier}' cho năm {year}",
        "needs_out": "--format {fmt} cần --out TỆP.{fmt}",
        "one_of": "chỉ dùng một trong hai: {a} hoặc {b}",
        "exactly_one_of": "cần đúng một trong: {names}",
        "bad_formats": "định dạng không hỗ trợ: {bad} (dùng {known})", "none": "(trống)",
        "pdf_needs_html": "--pdf in từ các trang HTML: --formats phải có html",
        "whatif_district": "--whatif chỉ dùng với --district: mục giả định ngưỡng chỉ có trong báo cáo huyện",
        "pdf_printed": "Đã in {n} báo cáo ra PDF (các bản PDF còn mới được giữ nguyên).",
        "out_is_dir": "là một thư mục: ghi tên tệp HTML, ví dụ bao-cao.html",
        "report_label": "{kind} {name} năm {year}", "commune": "Xã", "district": "Huyện", "province": "Tỉnh",
        "report_failed": "{label} năm {year}{cell}: {error}", "cell": " (ô {cell})",
        "open_index": "Mở {index} để xem các báo cáo.",
        "trends_title": "Xu hướng các chỉ tiêu — Xã {name}, năm {years}",
        "trends_rule": "So sánh giữa các năm chỉ trong cùng một bộ tiêu chí, hoặc giữa các bộ có chỉ tiêu khai báo "
                       "cùng thước đo (measure).",
        "trends_hidden": "{n} chỉ tiêu đạt và không đổi không được liệt kê (thêm --all để xem).",
        "trends_same_name": "Tên {name} còn là của xã mã {others}: ghi mã vào --commune để xem xã đó.",
        "synthetic": "{communes} xã, {years} năm, {cells} ô số liệu",
        "set_columns": ("Mã", "Tên", "Hạng", "Giai đoạn", "Tiêu chí", "Chỉ tiêu", "Ngưỡng tạm tính"),
        "set_tier": "Hạng: {tier}", "set_requires": " (yêu cầu đã đạt {tier})", "set_period": "Giai đoạn: {period}",
        "set_decision": "Quyết định {decision}", "set_basis": "Căn cứ: {basis}", "set_note": "Ghi chú: {note}",
        "set_lineage": "Kế thừa: {chain}",
        "set_counts": "{criteria} tiêu chí, {indicators} chỉ tiêu; {provisional} chỉ tiêu có ngưỡng tạm tính",
        "set_criterion": "Tiêu chí {code}. {name}",
        "confidence": {"confirmed": "✓ xác nhận", "derived": "≈ suy ra", "provisional": "? tạm tính"},
        "shared_metavars": {
            "dataset": "DỮ_LIỆU", "year": "NĂM", "years": "NĂM", "by_year": "NĂM", "set_id": "BỘ_TIÊU_CHÍ",
            "out": "TỆP", "commune": "XÃ", "communes": "CÁC_XÃ", "district": "HUYỆN", "province": "TỈNH",
            "indicator": "MÃ", "threshold": "NGƯỠNG", "region": "VÙNG", "group": "NHÓM", "jobs": "SỐ",
            "formats": "ĐỊNH_DẠNG", "scheduler": "ĐỊA_CHỈ", "seed": "SỐ", "issued": "YYYY-MM-DD",
            "folder": "THƯ_MỤC",
        },
        "shared_options": {
            "help": "In hướng dẫn này rồi thoát.",
            "lang": "Ngôn ngữ: vi (tiếng Việt) hoặc en (tiếng Anh).",
            "version": "In phiên bản rồi thoát.",
        },
        # `ntm frameworks export|import` and `ntm template`
        "no_file": "không có tệp này",
        "imported": "Bộ tiêu chí {id}: {indicators} chỉ tiêu, {confirmed} chỉ tiêu có ngưỡng xác nhận.",
        "imported_trial": "Nhập thử (tạm tính, chưa phải quyết định chính thức): {provisional} chỉ tiêu có ngưỡng "
                          "tạm tính.",
        "imported_tier": "Hạng {tier} ({code}), bậc {rank}, cần đạt trước: {requires}.",
        "template_written": "{communes} xã, {inputs} số liệu mỗi xã ({indicators} chỉ tiêu của {sets} bộ tiêu chí), "
                            "năm {year}",
        "template_left_out": "Không lập phiếu cho {n} đơn vị không thuộc diện đánh giá: {names}",
        # official units (ntmlib.dataset.units): `ntm validate`, `ntm crosswalk build`, `ntm synthetic`
        "without_data_warnings": "Cảnh báo — xã chưa có số liệu ({n} năm; báo cáo của các xã này ghi 'chưa có số "
                                 "liệu', không phải lỗi):",
        "unit_warnings": "Cảnh báo — mã, tên xã khác danh mục đơn vị hành chính chính thức ({n} mục; "
                         "--strict để coi là lỗi):",
        "crosswalk_built": "Đã ghi {path}: {old} đơn vị cũ → {new} xã mới ({divided} đơn vị cũ bị chia cho nhiều "
                           "xã mới)",
        "needs_province": "--district cần --province",
        "national_or_province": "--national và --province không dùng cùng nhau",
        "no_district_2026": "--district không dùng được với năm từ 2026: từ 1/7/2025 không còn cấp huyện",
        "synthetic_2026": "{units} đơn vị hành chính ({communes} xã được đánh giá: nhóm 1 {g1}, nhóm 2 {g2}, "
                          "nhóm 3 {g3}), {old} đơn vị cũ trong bảng đối chiếu, {years} năm, {cells} ô số liệu",
    },
    "en": {
        "usage": "Usage:", "options": "Options", "arguments": "Arguments", "commands": "Commands",
        "examples": "Examples",
        "options_metavar": "[OPTIONS]", "command_metavar": "COMMAND [ARGS]...",
        "required": "required", "default": "default: {value}", "envvar": "env var: {name}",
        "try_help": "Try '{command} --help' for help.", "error": "Error: {message}",
        "missing_option": "missing option {name}.", "missing_argument": "missing argument {name}.",
        "invalid": "invalid value for {name}: {message}", "no_such_option": "no such option '{name}'.",
        "no_such_command": "no such command '{name}'.", "did_you_mean": "Did you mean: {names}?",
        "needs_value": "option '{name}' needs a value.", "takes_no_value": "option '{name}' does not take a value.",
        "extra_args": "unexpected extra arguments: {args}.",
        "missing_command": "missing command; the commands: {commands}.",
        "not_int": "'{value}' is not a whole number.", "not_choice": "'{value}' is not one of {choices}.",
        "not_date": "'{value}' is not a date written YYYY-MM-DD.", "no_folder": "folder '{path}' does not exist.",
        "is_file": "'{path}' is a file, not a folder.", "aborted": "Stopped.",
        "version": "{prog}, version {version}",
        "data_errors": "Problems in the data ({n}):", "written": "Wrote {path}", "copied": "Copied {path}",
        "skipped": "Not used in scoring ({n} items, not errors):",
        "valid": "{dataset}: the data is valid, no problems.",
        "no_tier_set": "no criteria set of tier '{tier}' in {year}",
        "needs_out": "--format {fmt} needs --out FILE.{fmt}",
        "one_of": "use only one of {a} and {b}",
        "exactly_one_of": "give exactly one of {names}",
        "bad_formats": "unsupported format: {bad} (use {known})", "none": "(none)",
        "pdf_needs_html": "--pdf prints the HTML pages: --formats must include html",
        "whatif_district": "--whatif goes with --district: only the district report has the threshold what-if",
        "pdf_printed": "Printed {n} reports to PDF (PDFs still up to date were kept).",
        "out_is_dir": "is a folder: give the name of an HTML file, for example report.html",
        "report_label": "{kind} {name}, {year}", "commune": "commune", "district": "district",
        "province": "province",
        "report_failed": "{label} {year}{cell}: {error}", "cell": " (cell {cell})",
        "open_index": "Open {index} to see the reports.",
        "trends_title": "Indicator trends — {name} commune, {years}",
        "trends_rule": "Years are compared only within one criteria set, or between sets whose indicators declare "
                       "the same measure.",
        "trends_hidden": "{n} indicators met and unchanged are not listed (add --all to see them).",
        "trends_same_name": "The name {name} is also that of commune {others}: give its code to --commune to see it.",
        "synthetic": "{communes} communes, {years} years, {cells} data cells",
        "set_columns": ("Id", "Name", "Tier", "Period", "Criteria", "Indicators", "Provisional thresholds"),
        "set_tier": "Tier: {tier}", "set_requires": " (requires {tier} first)", "set_period": "Period: {period}",
        "set_decision": "Decision {decision}", "set_basis": "Legal basis: {basis}", "set_note": "Note: {note}",
        "set_lineage": "Extends: {chain}",
        "set_counts": "{criteria} criteria, {indicators} indicators; {provisional} indicators with provisional "
                      "thresholds",
        "set_criterion": "Criterion {code}. {name}",
        "confidence": {"confirmed": "✓ confirmed", "derived": "≈ derived", "provisional": "? provisional"},
        "shared_metavars": {
            "dataset": "DATASET", "year": "YEAR", "years": "YEAR", "by_year": "YEAR", "set_id": "SET",
            "out": "FILE", "commune": "COMMUNE", "communes": "COMMUNES", "district": "DISTRICT",
            "province": "PROVINCE", "indicator": "CODE", "threshold": "VALUE", "region": "REGION", "group": "GROUP",
            "jobs": "NUMBER", "formats": "FORMATS", "scheduler": "ADDRESS", "seed": "NUMBER", "issued": "YYYY-MM-DD",
            "folder": "FOLDER",
        },
        "shared_options": {
            "help": "Show this help and exit.",
            "lang": "Language: vi (Vietnamese) or en (English).",
            "version": "Show the version and exit.",
        },
        "no_file": "no such file",
        "imported": "Criteria set {id}: {indicators} indicators, {confirmed} with confirmed thresholds.",
        "imported_trial": "Trial import (provisional, not a final decision): {provisional} indicators with "
                          "provisional thresholds.",
        "imported_tier": "Tier {tier} ({code}), rank {rank}, requires first: {requires}.",
        "template_written": "{communes} communes, {inputs} figures each ({indicators} indicators of {sets} criteria "
                            "sets), year {year}",
        "template_left_out": "No sheet for {n} units not assessed: {names}",
        "without_data_warnings": "Warnings — communes without data ({n} years; their reports say 'no data', not an "
                                 "error):",
        "unit_warnings": "Warnings — commune codes or names that differ from the official list of administrative "
                         "units ({n}; --strict makes them errors):",
        "crosswalk_built": "Wrote {path}: {old} old units → {new} new communes ({divided} old units divided "
                           "between several new communes)",
        "needs_province": "--district needs --province",
        "national_or_province": "--national and --province cannot be used together",
        "no_district_2026": "--district cannot be used with a year from 2026: there are no districts since "
                            "1/7/2025",
        "synthetic_2026": "{units} administrative units ({communes} communes assessed: group 1 {g1}, group 2 {g2}, "
                          "group 3 {g3}), {old} old units in the crosswalk, {years} years, {cells} data cells",
    },
}


EXCEL_SETS_CLI_WORDS = {  # the messages of `ntm frameworks export|import` and `ntm template`, within CLI_WORDS
    lang: {key: CLI_WORDS[lang][key] for key in ("no_file", "imported", "imported_trial", "imported_tier",
                                                      "template_written",
                                                      "template_left_out")} for lang in LANGS}

FRAMEWORK_TEXT = {  # `ntm frameworks`: confidence counts per set and the list of provisional thresholds
    "vi": {"set_columns": ("Mã", "Tên", "Hạng", "Giai đoạn", "Tiêu chí", "Chỉ tiêu", "Xác nhận", "Suy ra",
                           "Tạm tính"),
           "set_counts": "{criteria} tiêu chí, {indicators} chỉ tiêu; ngưỡng: {confirmed} xác nhận, {derived} suy ra, "
                         "{provisional} tạm tính",
           "provisional_head": "{set}: {n} chỉ tiêu có ngưỡng tạm tính (chưa đối chiếu với văn bản gốc)",
           "provisional_columns": ("Mã", "Tên", "Ngưỡng", "Nguồn"),
           "provisional_none": "{set}: không có chỉ tiêu nào có ngưỡng tạm tính."},
    "en": {"set_columns": ("Id", "Name", "Tier", "Period", "Criteria", "Indicators", "Confirmed", "Derived",
                           "Provisional"),
           "set_counts": "{criteria} criteria, {indicators} indicators; thresholds: {confirmed} confirmed, "
                         "{derived} derived, {provisional} provisional",
           "provisional_head": "{set}: {n} indicators with a provisional threshold "
                               "(not checked against the legal text)",
           "provisional_columns": ("Code", "Name", "Threshold", "Source"),
           "provisional_none": "{set}: no indicator has a provisional threshold."},
}
