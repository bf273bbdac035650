"""The error messages users read, in Vietnamese and English: a problem is built with `error_text`,
which keeps its Vietnamese text (what every message said before) and the key and values to word
it again in English when it is printed (`worded`)."""
from __future__ import annotations

from .formats import TIER_WORDS, label

ERROR_TEXT = {
    "vi": {
        # where a problem is: the words Problem adds around a message
        "column": "cột", "line": "dòng {n}", "year_given": "năm",
        # the dataset folder and dataset.yaml (ntmlib.dataset.loading)
        "no_folder": "không tìm thấy thư mục dữ liệu",
        "not_utf8": "tệp không phải mã UTF-8",
        "bad_yaml": "YAML không hợp lệ: {reason}",
        "not_mapping": "cần một bảng khoá: giá trị (name, description, frameworks)",
        "bad_frameworks": "cần dạng {{years: [2021, 2025], sets: [mã bộ, ...]}}",
        # the readers of tables (ntmlib.dataset.readers)
        "no_file": "không tìm thấy tệp",
        "utf16": "tệp mã UTF-16 (Unicode text): hãy lưu lại dưới dạng 'CSV UTF-8'",
        "empty": "tệp rỗng",
        "not_utf8_byte": "tệp không phải mã UTF-8 (byte 0x{byte}{guess}): hãy lưu lại dưới dạng 'CSV UTF-8'",
        "blank_first_line": "dòng đầu trống: dòng tiêu đề (tên các cột) phải là dòng đầu tiên của tệp",
        "no_rows": "tệp không có dòng số liệu nào (chỉ có dòng tiêu đề)",
        "cp1258_guess": ", có vẻ là mã Windows-1258 (ANSI)",
        "bad_line": "không đọc được dòng này: {why}",
        "long_cell": "một ô dài quá {limit} ký tự (thường do thiếu dấu ngoặc kép đóng)",
        "decimal_hint": " (số có dấu phẩy thập phân phải đặt trong ngoặc kép, ví dụ \"95,5\", hoặc dùng dấu ; để "
                        "ngăn cột)",
        "repeated_column": "cột '{column}' có {n} lần trong dòng tiêu đề (các cột {where}): chỉ để một cột",
        "line_width": "dòng có {cells} ô, dòng tiêu đề có {width}{hint}",
        "unreadable_csv": "không đọc được tệp CSV",
        "many_observations": "có nhiều tệp số liệu ({names}): chỉ để lại một, để không số liệu nào bị bỏ qua",
        "unsupported_observations": "định dạng không hỗ trợ (dùng .csv, .xlsx hoặc .parquet; tệp .xls cũ hãy lưu "
                                    "lại dạng .xlsx)",
        "no_observations": "không tìm thấy tệp số liệu (observations.csv, observations.xlsx hoặc "
                           "observations.parquet)",
        "unsupported_format": "định dạng không hỗ trợ (dùng .csv, .xlsx hoặc .parquet)",
        "unreadable_xlsx": "không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx ({kind})",
        "empty_xlsx": "tệp rỗng (không có ô nào có số liệu)",
        "no_xlsx_cells": "tệp không có ô số liệu nào",
        "unreadable_parquet": "không đọc được tệp Parquet ({kind}: {reason})",
        "no_parquet_rows": "tệp không có dòng số liệu nào",
        # scoring (ntmlib.scoring.engine, ntmlib.scoring.window)
        "no_sets_for_years": "không có bộ tiêu chí nào cho năm {years}",
        "no_data_years": "không có số liệu năm {years} (có: {have})",
        "not_a_year": "'{year}' không phải là một năm",
        "year_not_there": "{absent} (có: {have})",
        "no_data_year": "không có số liệu năm {year}", "year_not_scored": "năm {year} chưa được chấm",
        # writing results (ntmlib.base.outputs)
        "cannot_write_file": "không ghi được tệp: {reason}",
        "out_is_file": "thư mục kết quả là một tệp, không phải thư mục",
        "cannot_write_dir": "không ghi được vào thư mục kết quả: {reason}",
        # the bulletin (ntmlib.present.bulletin)
        "bulletin_sets": "bản tin cần kết quả theo bộ tiêu chí NTM và NTM nâng cao năm {year}",
        # what a user asked for, named by a problem (ntmlib.analysis, present, jupyter, run)
        "criteria_set_asked": "bộ tiêu chí", "tier_asked": "hạng", "target_year_asked": "năm mục tiêu",
        "threshold_asked": "ngưỡng", "indicator_asked": "chỉ tiêu", "region_asked": "vùng", "group_asked": "nhóm xã",
        "region_year_asked": "vùng và năm", "level_asked": "cấp tổng hợp", "dataset_asked": "bộ dữ liệu",
        "commune_asked": "xã", "district_asked": "huyện", "data_asked": "dữ liệu", "dask_asked": "máy chủ Dask",
        **{f"tier_{tier}": name for tier, name in TIER_WORDS["vi"].items()},
        "comma_list": "{a}, {b}", "date_short": "{day}/{month}/{year}",
        "did_you_mean_code": " (có phải '{code}'?)",
        # the analyses (ntmlib.analysis)
        "no_tier": "không có hạng '{tier}' (chọn {tiers})",
        "no_level": "'{level}' không có (chọn {a} hoặc {b})",
        "no_crosswalk_for": "bộ dữ liệu {name} không có {file}: không có xã mới '{ref}'",
        "old_commune": "'{ref}' là xã cũ {name} (mã {old}){after}",
        "old_commune_successor": "; từ {date} xã này thuộc xã {new}, xã mới ghi là '{new}' hoặc '{written}'",
        "old_commune_alone": " và không thuộc xã mới nào trong {file}",
        "many_new_communes": "'{ref}' trùng với nhiều xã mới ({keys}): ghi rõ mã@ngày",
        "not_a_commune": "'{ref}' không phải xã cũ trong {communes} cũng không phải xã mới trong {file} "
                         "(các xã mới: {names})",
        "regroup_needs_dataset": "regroup(bảng) cần bộ dữ liệu có {file} để dùng",
        "no_tier_scored": "không có bộ tiêu chí hạng {tier} trong kết quả chấm (có: {have})",
        "by_before_year": "năm {by} trước năm đánh giá {year}",
        "set_not_scored_in": "bộ tiêu chí '{set}' không được chấm cho năm {year}",
        "no_commune_code": "không có xã mã '{commune}' trong kết quả chấm năm {year} (có: {have})",
        "not_a_number": "'{value}' không phải là số",
        "no_indicator_in_set": "bộ {set} không có chỉ tiêu '{indicator}'{hint}",
        "pass_fail_indicator": "chỉ tiêu {indicator} của bộ {set} là chỉ tiêu đạt/không đạt, không có ngưỡng số "
                               "để thay",
        "no_region_in_set": "bộ {set} không có vùng '{region}' (có: {have})",
        "no_group_in_set": "bộ {set} không có nhóm xã '{group}' (có: {have})", "no_groups": "không có nhóm nào",
        "threshold_by": "ngưỡng chỉ tiêu {indicator} của bộ {set} được quy định theo {old}, không thay riêng theo "
                        "{new} được",
        "no_change": "cần ít nhất một thay đổi ngưỡng (set_id, indicator, threshold)",
        # figures and reports (ntmlib.present)
        "no_commune_codes": "không có xã mã {communes} trong kết quả chấm năm {year}",
        "set_not_tier": "bộ tiêu chí '{set}' không phải hạng {tier}",
        "no_tier_set_scored": "không có bộ tiêu chí hạng {tier} nào được chấm năm {year}",
        "many_tier_sets": "có nhiều bộ tiêu chí hạng {tier} năm {year} ({sets}): chọn một bằng set_id",
        "cached_years_missing": "kết quả chấm sẵn thiếu năm {years}",
        "no_commune_in_dataset": "không có xã '{commune}' trong bộ dữ liệu {dataset} (các xã: {known}{new})",
        "new_communes_listed": "; xã mới sau sắp xếp: {names}",
        "commune_not_assessed": "'{commune}' không được đánh giá theo bộ tiêu chí xã{hint}",
        "new_commune_hint": " (xã mới {name} từ {date}: ghi '{written}')",
        "not_json": "không phải JSON: {reason}",
        # the explorer (ntmlib.jupyter.explorer)
        "card_without_dataset": "kết quả chấm không kèm bộ dữ liệu (dùng ntmlib.score)",
        "set_with_tier": "{set} ({tier})",
        "no_set_scored_in": "không có bộ tiêu chí '{set}' được chấm năm {year} (có: {have})",
        "no_commune_scored": "không có xã '{commune}' trong kết quả chấm (các xã: {known})",
        "district_ambiguous": "huyện '{district}' có ở nhiều tỉnh (chọn một trong: {have})",
        "district_unscored": "huyện '{district}' không có xã nào được chấm (chọn một trong: {have})",
        "commune_not_in_district": "xã '{commune}' không thuộc huyện {district}",
        # the office documents (ntmlib.office)
        "needs_text_line": "cần một dòng chữ, ví dụ {field}: \"…\"",
        "entry_no_sets": "dataset.yaml không nêu bộ tiêu chí nào cho năm {year}",
        # running reports (ntmlib.run) and the command line (ntmlib.cli)
        "needs_dask": "cần gói dask[distributed]: pip install 'ntmlib[dask]'",
        "kernel_start": "không khởi động được kernel sau {n} lần thử: {reason}",
        "no_crosswalk": "bộ dữ liệu {name} không có {file}",
        # importing a criteria-set workbook (ntmlib.office.criteria_import)
        "import_sheet_place": "trang tính '{sheet}'",
        "import_bad_id": "mã '{id}' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ "
                         "hanam-2024-ntm)",
        "import_out_name": "tên tệp phải là mã của bộ tiêu chí: {id}.yaml",
        "import_no_sheet": "không có trang tính '{sheet}' (bảng bộ tiêu chí do 'ntm frameworks export' viết)",
        "import_no_parent": "kế thừa bộ tiêu chí không có: '{id}'",
        "import_no_reference": "không rõ bộ gốc: ghi mã bộ tiêu chí ở trang '{sheet}' hoặc dùng --extends",
        "import_bad_period": "giai đoạn '{value}' phải ghi dạng 2022-2025",
        "import_bad_tier": "hạng '{value}' không phải một trong {known} (hoặc {names})",
        "import_bad_date": "ngày trong '{value}' không có thật (ghi ngày/tháng/năm, ví dụ 15/3/2024)",
        "import_no_header": "không thấy dòng tiêu đề có ô '{header}'",
        "import_bad_column": "tiêu đề cột '{header}' không phải cột ngưỡng (mã vùng như {region}, '{region_year}', "
                             "'{year}', '{group}', '{all}') hay cột của bảng",
        "import_missing_column": "thiếu cột '{header}'",
        "import_no_code": "dòng có nội dung nhưng không có mã chỉ tiêu",
        "import_duplicate": "mã chỉ tiêu '{code}' bị lặp (đã có ở {first})",
        "import_bad_criterion": "tiêu chí '{value}' không có trong bộ (có: {known})",
        "import_no_name": "thiếu tên chỉ tiêu",
        "import_bad_rule": "quy tắc '{value}' không phải một trong {rules}",
        "import_not_number": "ngưỡng '{value}' không phải số",
        "import_needs_threshold": "quy tắc '{rule}' cần ngưỡng: điền ít nhất một cột ngưỡng",
        "import_mixed_kinds": "một chỉ tiêu chỉ điền một loại cột ngưỡng (chung, theo vùng, theo vùng và năm, theo "
                              "năm hoặc theo nhóm xã)",
        "import_no_threshold_for": "quy tắc '{rule}' không có ngưỡng: để trống các cột ngưỡng",
        "import_bad_mark": "mức chắc chắn '{value}' không phải một trong {marks}",
        "import_derived_unreadable": "ngưỡng suy ra '{value}' không đọc được: ghi dạng '{example}'",
        "import_derived_no_set": "ngưỡng suy ra dựa vào bộ tiêu chí không có: '{set}'",
        "import_derived_self": "ngưỡng suy ra không thể dựa vào chính bộ đang nhập ('{set}')",
        "import_derived_no_indicator": "ngưỡng suy ra dựa vào chỉ tiêu '{code}' không có trong bộ {set}",
        "import_derived_not_numeric": "ngưỡng suy ra dựa vào chỉ tiêu '{code}' của bộ {set}, chỉ tiêu này không có "
                                      "ngưỡng số",
        "import_derived_not_for_rule": "quy tắc '{rule}' không có ngưỡng: để trống cột '{column}'",
        "import_derived_typed": "ngưỡng {value} khác giá trị tính theo cột '{column}' ({computed}): muốn dùng số đã "
                                "gõ thì xoá ô '{column}' của dòng này",
        "import_empty_cell": "ô trống",
    },
    "en": {
        "column": "column", "line": "line {n}", "year_given": "year",
        "no_folder": "the dataset folder does not exist",
        "not_utf8": "the file is not UTF-8",
        "bad_yaml": "invalid YAML: {reason}",
        "not_mapping": "needs a mapping of key: value (name, description, frameworks)",
        "bad_frameworks": "needs the form {{years: [2021, 2025], sets: [set id, ...]}}",
        "no_file": "file not found",
        "utf16": "the file is UTF-16 (Unicode text): save it again as 'CSV UTF-8'",
        "empty": "the file is empty",
        "not_utf8_byte": "the file is not UTF-8 (byte 0x{byte}{guess}): save it again as 'CSV UTF-8'",
        "blank_first_line": "the first line is blank: the header line (the column names) must be the first line "
                            "of the file",
        "no_rows": "the file has no data rows (only the header line)",
        "cp1258_guess": ", apparently Windows-1258 (ANSI)",
        "bad_line": "cannot read this line: {why}",
        "long_cell": "a cell longer than {limit} characters (often a missing closing double quote)",
        "decimal_hint": " (a number with a decimal comma must be in double quotes, for example \"95,5\", or use ; "
                        "between columns)",
        "repeated_column": "column '{column}' appears {n} times in the header line (columns {where}): keep one",
        "line_width": "the line has {cells} cells, the header line {width}{hint}",
        "unreadable_csv": "cannot read the CSV file",
        "many_observations": "several data files ({names}): keep only one, so that no data is left out",
        "unsupported_observations": "unsupported format (use .csv, .xlsx or .parquet; save an old .xls file "
                                    "again as .xlsx)",
        "no_observations": "no data file found (observations.csv, observations.xlsx or observations.parquet)",
        "unsupported_format": "unsupported format (use .csv, .xlsx or .parquet)",
        "unreadable_xlsx": "cannot read the Excel file: damaged or not .xlsx ({kind})",
        "empty_xlsx": "the file is empty (no cell holds data)",
        "no_xlsx_cells": "the file has no data cells",
        "unreadable_parquet": "cannot read the Parquet file ({kind}: {reason})",
        "no_parquet_rows": "the file has no data rows",
        "no_sets_for_years": "no criteria set for {years}",
        "no_data_years": "no data for {years} (there is: {have})",
        "not_a_year": "'{year}' is not a year",
        "year_not_there": "{absent} (there is: {have})",
        "no_data_year": "no data for {year}", "year_not_scored": "{year} was not scored",
        "cannot_write_file": "cannot write the file: {reason}",
        "out_is_file": "the output folder is a file, not a folder",
        "cannot_write_dir": "cannot write into the output folder: {reason}",
        "bulletin_sets": "the bulletin needs results by the NTM and advanced NTM criteria sets in {year}",
        "criteria_set_asked": "criteria set", "tier_asked": "tier", "target_year_asked": "target year",
        "threshold_asked": "threshold", "indicator_asked": "indicator", "region_asked": "region",
        "group_asked": "commune group", "region_year_asked": "region and year", "level_asked": "level",
        "dataset_asked": "dataset", "commune_asked": "commune", "district_asked": "district", "data_asked": "data",
        "dask_asked": "Dask scheduler",
        **{f"tier_{tier}": name for tier, name in TIER_WORDS["en"].items()},
        "comma_list": "{a}, {b}", "date_short": "{day} {month_name} {year}",
        "did_you_mean_code": " (did you mean '{code}'?)",
        "no_tier": "no tier '{tier}' (choose {tiers})",
        "no_level": "no level '{level}' (choose {a} or {b})",
        "no_crosswalk_for": "dataset {name} has no {file}: there is no new commune '{ref}'",
        "old_commune": "'{ref}' is the former commune {name} (code {old}){after}",
        "old_commune_successor": "; since {date} it is part of the commune {new}, written '{new}' or '{written}'",
        "old_commune_alone": " and is part of no new commune in {file}",
        "many_new_communes": "'{ref}' matches several new communes ({keys}): write code@date",
        "not_a_commune": "'{ref}' is neither a former commune in {communes} nor a new commune in {file} "
                         "(new communes: {names})",
        "regroup_needs_dataset": "regroup(table) needs the dataset, with its {file}",
        "no_tier_scored": "no {tier} criteria set among the results (there is: {have})",
        "by_before_year": "{by} is before the year assessed, {year}",
        "set_not_scored_in": "criteria set '{set}' was not scored for {year}",
        "no_commune_code": "no commune with code '{commune}' among the results of {year} (there is: {have})",
        "not_a_number": "'{value}' is not a number",
        "no_indicator_in_set": "set {set} has no indicator '{indicator}'{hint}",
        "pass_fail_indicator": "indicator {indicator} of set {set} is met or not met: it has no numeric threshold "
                               "to change",
        "no_region_in_set": "set {set} has no region '{region}' (there is: {have})",
        "no_group_in_set": "set {set} has no commune group '{group}' (there is: {have})", "no_groups": "no group",
        "threshold_by": "the threshold of indicator {indicator} of set {set} is set by {old}; it cannot be changed "
                        "by {new} alone",
        "no_change": "needs at least one threshold change (set_id, indicator, threshold)",
        "no_commune_codes": "no commune with code {communes} among the results of {year}",
        "set_not_tier": "criteria set '{set}' is not of the {tier} tier",
        "no_tier_set_scored": "no {tier} criteria set was scored in {year}",
        "many_tier_sets": "several {tier} criteria sets in {year} ({sets}): choose one with set_id",
        "cached_years_missing": "the precomputed results lack {years}",
        "no_commune_in_dataset": "no commune '{commune}' in dataset {dataset} (communes: {known}{new})",
        "new_communes_listed": "; new communes after the reorganisation: {names}",
        "commune_not_assessed": "'{commune}' is not assessed against the commune criteria sets{hint}",
        "new_commune_hint": " (the new commune {name} since {date}: write '{written}')",
        "not_json": "not JSON: {reason}",
        "card_without_dataset": "the results do not carry their dataset (use ntmlib.score)",
        "set_with_tier": "{set} ({tier})",
        "no_set_scored_in": "no criteria set '{set}' was scored in {year} (there is: {have})",
        "no_commune_scored": "no commune '{commune}' among the results (communes: {known})",
        "district_ambiguous": "district '{district}' is in several provinces (choose one of: {have})",
        "district_unscored": "district '{district}' has no commune scored (choose one of: {have})",
        "commune_not_in_district": "commune '{commune}' is not in district {district}",
        "needs_text_line": "needs a line of text, for example {field}: \"…\"",
        "entry_no_sets": "dataset.yaml names no criteria set for {year}",
        "needs_dask": "needs the dask[distributed] package: pip install 'ntmlib[dask]'",
        "kernel_start": "could not start the kernel after {n} attempts: {reason}",
        "no_crosswalk": "dataset {name} has no {file}",
        # importing a criteria-set workbook (ntmlib.office.criteria_import)
        "import_sheet_place": "sheet '{sheet}'",
        "import_bad_id": "the id '{id}' may hold only lower-case letters without accents, digits and hyphens (for "
                         "example hanam-2024-ntm)",
        "import_out_name": "the file name must be the criteria set's id: {id}.yaml",
        "import_no_sheet": "no sheet '{sheet}' (the criteria-set workbook that 'ntm frameworks export' writes)",
        "import_no_parent": "the parent criteria set does not exist: '{id}'",
        "import_no_reference": "the original set is unknown: write its id on the '{sheet}' sheet or use --extends",
        "import_bad_period": "the period '{value}' must be written as 2022-2025",
        "import_bad_tier": "tier '{value}' is not one of {known} (or {names})",
        "import_bad_date": "the date in '{value}' does not exist (write day/month/year, for example 15/3/2024)",
        "import_no_header": "no header line with a cell '{header}'",
        "import_bad_column": "column header '{header}' is neither a threshold column (a region code such as "
                             "{region}, '{region_year}', '{year}', '{group}', '{all}') nor a column of the table",
        "import_missing_column": "column '{header}' is missing",
        "import_no_code": "the row has content but no indicator code",
        "import_duplicate": "indicator code '{code}' is repeated (already at {first})",
        "import_bad_criterion": "criterion '{value}' is not in the set (there is: {known})",
        "import_no_name": "the indicator's name is missing",
        "import_bad_rule": "rule '{value}' is not one of {rules}",
        "import_not_number": "threshold '{value}' is not a number",
        "import_needs_threshold": "rule '{rule}' needs a threshold: fill in at least one threshold column",
        "import_mixed_kinds": "an indicator fills in only one kind of threshold column (common, by region, by "
                              "region and year, by year or by commune group)",
        "import_no_threshold_for": "rule '{rule}' has no threshold: leave the threshold columns empty",
        "import_bad_mark": "confidence '{value}' is not one of {marks}",
        "import_derived_unreadable": "derived threshold '{value}' cannot be read: write it as '{example}'",
        "import_derived_no_set": "the derived threshold is based on a criteria set that does not exist: '{set}'",
        "import_derived_self": "a derived threshold cannot be based on the set being imported ('{set}')",
        "import_derived_no_indicator": "the derived threshold is based on indicator '{code}', which set {set} does "
                                       "not have",
        "import_derived_not_numeric": "the derived threshold is based on indicator '{code}' of set {set}, which has "
                                      "no numeric threshold",
        "import_derived_not_for_rule": "rule '{rule}' has no threshold: leave the '{column}' column empty",
        "import_derived_typed": "threshold {value} differs from the value computed from the '{column}' column "
                                "({computed}): to use the number typed, clear the '{column}' cell of this row",
        "import_empty_cell": "empty cell",
    },
}


class Message(str):
    """A message of ERROR_TEXT: the string is its Vietnamese text; `worded(lang)` says it in `lang`."""

    def __new__(cls, key: str, **params):
        self = super().__new__(cls, label(ERROR_TEXT, key, "vi", **params))
        self.key, self.params = key, params
        return self

    def __getnewargs_ex__(self):
        return (self.key,), self.params

    def worded(self, lang: str = "vi") -> str:
        """The message in `lang`, its values worded in `lang` too when they are messages."""
        params = {k: worded(v, lang) for k, v in self.params.items()}
        return label(ERROR_TEXT, self.key, lang, **params)


def error_text(key: str, **params) -> Message:
    """The error message `key` of ERROR_TEXT filled in with `params`: Vietnamese as a string,
    English through `worded`."""
    return Message(key, **params)


def worded(text, lang: str = "vi") -> str:
    """`text` in `lang` when it is a message of ERROR_TEXT, else as it is."""
    return text.worded(lang) if isinstance(text, Message) else str(text)
