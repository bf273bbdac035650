"""The help of each `ntm` command (what it does, its arguments and options, and examples),
in Vietnamese and English."""
from __future__ import annotations

from .formats import LANGS

CLI_HELP = {  # each `ntm` command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "ntm": {
            "help": "Chấm điểm các xã theo các bộ tiêu chí nông thôn mới (NTM, nâng cao, kiểu mẫu; của Trung ương và "
                    "của tỉnh); viết bản tin, báo cáo và các phân tích.\n\nMọi lệnh nói tiếng Việt; --lang en hoặc "
                    "biến môi trường NTM_LANG=en chuyển mọi dòng ntm in ra, kể cả các kết quả có bản tiếng Anh, sang "
                    "tiếng Anh. Xem 'ntm LỆNH --help' để biết cách dùng từng lệnh.",
            "examples": ["ntm validate data/ly-nhan", "ntm score data/ly-nhan --year 2023 --tier ntm"],
        },
        "frameworks": {
            "short": "Các bộ tiêu chí: danh sách, hoặc chi tiết một bộ.",
            "help": "Liệt kê các bộ tiêu chí có sẵn; với BỘ_TIÊU_CHÍ, in chi tiết bộ đó: các nhóm, tiêu chí, chỉ "
                    "tiêu với ngưỡng và mức chắc chắn của ngưỡng. BỘ_TIÊU_CHÍ là mã hoặc tên một bộ có sẵn, hoặc "
                    "đường dẫn tới tệp .yaml của một bộ tiêu chí (ví dụ bộ của tỉnh đang soạn: tệp được kiểm tra "
                    "theo lược đồ).",
            "arguments": {"set_id": "Mã hoặc tên một bộ có sẵn, hoặc đường dẫn tệp .yaml."},
            "examples": ["ntm frameworks hanam-2022-nang-cao",
                         "ntm frameworks data/examples/tinh-mau/frameworks/tinh-mau-2026-ntm.yaml"],
        },
        "score": {
            "short": "Chấm điểm các xã cho một năm.",
            "help": "Chấm điểm các xã của DỮ_LIỆU cho một năm: mỗi xã và mỗi bộ tiêu chí một dòng, với số tiêu chí "
                    "và chỉ tiêu đạt, hạng đạt được và hạng đã công nhận.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu (communes.csv, observations, dataset.yaml)."},
            "options": {"year": "Năm đánh giá.", "set_id": "Chỉ chấm theo bộ tiêu chí này (mã, tên, hạng hoặc tệp .yaml).",
                        "tier": "Chỉ in kết quả theo bộ tiêu chí của hạng này.",
                        "fmt": "table: bảng; csv, json: dữ liệu đầy đủ; xlsx: sổ Excel (cần --out).",
                        "out": "Ghi ra tệp thay vì màn hình (bắt buộc với xlsx)."},
            "examples": ["ntm score data/ly-nhan --year 2023 --tier ntm",
                         "ntm score data/ly-nhan --year 2023 --format xlsx --out diem-2023.xlsx"],
        },
        "validate": {
            "short": "Kiểm tra một bộ dữ liệu.",
            "help": "Kiểm tra DỮ_LIỆU và liệt kê mọi vấn đề cùng lúc, mỗi vấn đề với tệp, dòng hoặc ô và cột của nó; "
                    "mã thoát 2 nếu có vấn đề.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu cần kiểm tra."},
            "examples": ["ntm validate data/ly-nhan"],
        },
        "bulletin": {
            "short": "Viết phần kết quả của bản tin nông thôn mới.",
            "help": "Viết phần kết quả thực hiện của bản tin nông thôn mới của DỮ_LIỆU cho một năm: Markdown, văn bản "
                    "Word theo thể thức văn bản hành chính, hoặc trang web. Bản tin luôn viết bằng tiếng Việt.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm của bản tin.",
                        "fmt": "md: Markdown; docx: văn bản Word theo thể thức văn bản hành chính; html: trang web.",
                        "out": "Tệp kết quả (bắt buộc với docx).",
                        "issued": "Ngày ban hành ghi ở dòng địa danh, ngày tháng của bản Word (mặc định hôm nay)."},
            "examples": ["ntm bulletin data/ly-nhan --year 2023",
                         "ntm bulletin data/ly-nhan --year 2023 --format docx --out ban-tin-2023.docx"],
        },
        "roadmap": {
            "short": "Lộ trình lên hạng: mỗi xã còn thiếu gì.",
            "help": "Lộ trình lên hạng --target: mỗi xã chưa được công nhận còn thiếu chỉ tiêu nào, thiếu bao nhiêu, "
                    "xếp theo mức sẵn sàng (thiếu ít nhất trước); cuối cùng là tổng hợp toàn huyện.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm đánh giá.", "target": "Hạng cần đạt.",
                        "by_year": "Năm mục tiêu: khoảng thiếu nào tốc độ gần đây bù được trước năm đó.",
                        "district": "Chỉ các xã của huyện này (tên, có dấu hoặc không).",
                        "fmt": "table: văn bản; csv: dữ liệu đầy đủ.", "out": "Ghi ra tệp thay vì màn hình."},
            "examples": ["ntm roadmap data/ly-nhan --year 2023 --target nang-cao --by 2025"],
        },
        "whatif": {
            "short": "Giả định ngưỡng: xã nào đổi kết quả.",
            "help": "Giả định ngưỡng: xã nào đổi kết quả chỉ tiêu, và hạng đạt được, khi ngưỡng một chỉ tiêu của một "
                    "bộ tiêu chí thay đổi.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm đánh giá.", "set_id": "Bộ tiêu chí có ngưỡng cần thay (mã, tên hoặc hạng).",
                        "indicator": "Mã chỉ tiêu (ví dụ 14.1).",
                        "threshold": "Ngưỡng giả định (ví dụ 92 hoặc 92,5).",
                        "region": "Chỉ thay ngưỡng của vùng này (ví dụ DBSH).",
                        "group": "Chỉ thay ngưỡng của nhóm xã này."},
            "examples": ["ntm whatif data/ly-nhan --year 2023 --set hanam-2022-nang-cao --indicator 14.1 "
                         "--threshold 92"],
        },
        "trends": {
            "short": "Xu hướng các chỉ tiêu của một xã.",
            "help": "Xu hướng từng chỉ tiêu của một xã qua các năm có số liệu (↑ tiến bộ, → không đổi, ↓ giảm sút, "
                    "· thiếu số liệu), với tốc độ mỗi năm và năm dự kiến đạt.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"commune": "Xã (mã hoặc tên, có dấu hoặc không).",
                        "set_id": "Chỉ bộ tiêu chí này (mã, tên hoặc hạng).",
                        "show_all": "Cả các chỉ tiêu đạt và không đổi."},
            "examples": ["ntm trends data/ly-nhan --commune \"Chân Lý\" --set hanam-2022-nang-cao"],
        },
        "report": {
            "short": "Báo cáo HTML của một xã hoặc một huyện.",
            "help": "Chạy sổ tay báo cáo của một xã (--commune) hoặc một huyện (--district) và xuất ra một tệp HTML "
                    "tự chứa. Báo cáo viết bằng ngôn ngữ của --lang.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm của báo cáo.", "commune": "Xã (mã hoặc tên): báo cáo của một xã.",
                        "district": "Huyện (tên): báo cáo tổng hợp của huyện.", "out": "Tệp HTML kết quả."},
            "examples": ["ntm report data/ly-nhan --year 2023 --commune \"Nhân Bình\" --out nhan-binh.html",
                         "ntm report data/ly-nhan --year 2023 --district \"Lý Nhân\" --lang en "
                         "--out ly-nhan-en.html"],
        },
        "reports": {
            "short": "Báo cáo của mọi xã và huyện, chạy song song.",
            "help": "Chạy báo cáo cho mọi xã và huyện của DỮ_LIỆU, song song, và viết index.html liên kết tất cả; "
                    "chạy lại thì chỉ những báo cáo còn thiếu hoặc đã cũ được chạy (tiếp tục được khi bị ngắt).",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "metavars": {"out": "THƯ_MỤC"},
            "options": {"years": "Năm (lặp lại được); mặc định mọi năm có số liệu.",
                        "communes": "Chỉ các xã này (mã hoặc tên, cách nhau bởi dấu phẩy).",
                        "province": "Chỉ các xã và huyện của tỉnh này.", "district": "Chỉ các xã của huyện này.",
                        "out": "Thư mục kết quả.", "jobs": "Số tiến trình song song (mặc định: số nhân CPU).",
                        "formats": "Định dạng kết quả, cách nhau bởi dấu phẩy: ipynb, html.",
                        "force": "Chạy lại mọi báo cáo, kể cả báo cáo đã có và còn mới.",
                        "scheduler": "Địa chỉ Dask scheduler (tcp://...) để chạy trên cụm máy.",
                        "isolate": "Mỗi báo cáo một kernel mới (chậm hơn)."},
            "examples": ["ntm reports data/ly-nhan --year 2023 --out bao-cao"],
        },
        "notebooks": {
            "short": "Chép các sổ tay báo cáo để mở bằng JupyterLab.",
            "help": "Chép các sổ tay báo cáo (và sổ tay khám phá) cài kèm ntmlib vào THƯ_MỤC để mở bằng JupyterLab; "
                    "tệp cùng tên bị thay.",
            "arguments": {"folder": "Thư mục đích (tạo nếu chưa có)."},
            "examples": ["ntm notebooks so-tay"],
        },
        "crosswalk": {
            "short": "Các xã mới sau sắp xếp và xã tiền thân.",
            "help": "Các xã mới sau sắp xếp đơn vị hành chính (crosswalk.csv) và các xã tiền thân của chúng; với XÃ, "
                    "kết quả của các xã tiền thân của xã mới đó qua các năm.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu.",
                          "commune": "Xã mới: tên, mã hoặc mã@ngày (ví dụ 13591@2025-07-01)."},
            "options": {"years": "Năm (lặp lại được); mặc định mọi năm có số liệu."},
            "examples": ["ntm crosswalk data/ly-nhan", "ntm crosswalk data/ly-nhan \"Nam Xang\""],
        },
        "synthetic": {
            "short": "Sinh bộ dữ liệu toàn quốc mô phỏng.",
            "help": "Sinh bộ dữ liệu toàn quốc mô phỏng vào THƯ_MỤC (THƯ_MỤC/parquet và THƯ_MỤC/csv), để đo tốc độ "
                    "và kiểm thử.",
            "arguments": {"out": "Thư mục đích."},
            "metavars": {"out": "THƯ_MỤC", "communes": "SỐ"},
            "options": {"communes": "Số xã.", "seed": "Hạt giống ngẫu nhiên (cùng hạt, cùng tệp)."},
            "examples": ["ntm synthetic quoc-gia --communes 200"],
        },
    },
    "en": {
        "ntm": {
            "help": "Score communes against the New Rural Development criteria sets (NTM, advanced, model; national "
                    "and provincial); write the bulletin, the reports and the analyses.\n\nntm speaks Vietnamese by "
                    "default; --lang en or the environment variable NTM_LANG=en puts every line it prints, and the "
                    "results that have an English version, in English. See 'ntm COMMAND --help' for each command.",
            "examples": ["ntm validate data/ly-nhan", "ntm score data/ly-nhan --year 2023 --tier ntm"],
        },
        "frameworks": {
            "short": "Criteria sets: the list, or one set in detail.",
            "help": "List the built-in criteria sets; with SET, print that set in detail: its groups, criteria and "
                    "indicators with their thresholds and how sure each threshold is. SET is a built-in set's id or "
                    "name, or the path of a criteria set's .yaml file (a province's set being written, for instance: "
                    "the file is checked against the schema).",
            "arguments": {"set_id": "A built-in set's id or name, or the path of a .yaml file."},
            "examples": ["ntm frameworks hanam-2022-nang-cao",
                         "ntm frameworks data/examples/tinh-mau/frameworks/tinh-mau-2026-ntm.yaml"],
        },
        "score": {
            "short": "Score the communes for one year.",
            "help": "Score the communes of DATASET for one year: one line per commune and criteria set, with the "
                    "criteria and indicators met, the tier reached and the tier recognised.",
            "arguments": {"dataset": "The dataset folder (communes.csv, observations, dataset.yaml)."},
            "options": {"year": "The year assessed.", "set_id": "Score against this criteria set only (id, name, "
                                                                 "tier or .yaml file).",
                        "tier": "Show only the results of this tier's set.",
                        "fmt": "table: a table; csv, json: the full data; xlsx: an Excel workbook (needs --out).",
                        "out": "Write to this file instead of the screen (required for xlsx)."},
            "examples": ["ntm score data/ly-nhan --year 2023 --tier ntm",
                         "ntm score data/ly-nhan --year 2023 --format xlsx --out diem-2023.xlsx"],
        },
        "validate": {
            "short": "Check a dataset.",
            "help": "Check DATASET and list every problem at once, each with its file, line or cell and column; exit "
                    "status 2 when there is any.",
            "arguments": {"dataset": "The dataset folder to check."},
            "examples": ["ntm validate data/ly-nhan"],
        },
        "bulletin": {
            "short": "Write the results part of the NTM bulletin.",
            "help": "Write the results part of the New Rural Development bulletin of DATASET for one year: Markdown, "
                    "a Word document laid out as an administrative document, or a web page. The bulletin is always "
                    "in Vietnamese.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The bulletin's year.",
                        "fmt": "md: Markdown; docx: a Word document in the administrative layout; html: a web page.",
                        "out": "Output file (required for docx).",
                        "issued": "Date of issue on the place-and-date line of the Word document (default: today)."},
            "examples": ["ntm bulletin data/ly-nhan --year 2023",
                         "ntm bulletin data/ly-nhan --year 2023 --format docx --out ban-tin-2023.docx"],
        },
        "roadmap": {
            "short": "Road to a tier: what each commune still misses.",
            "help": "Road to the --target tier: which indicators each commune not yet recognised misses, and by how "
                    "much, readiest first; then the district totals.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The year assessed.", "target": "The tier to reach.",
                        "by_year": "Target year: which gaps the recent rate closes before then.",
                        "district": "Only the communes of this district (name, with or without diacritics).",
                        "fmt": "table: text; csv: the full data.", "out": "Write to this file instead of the screen."},
            "examples": ["ntm roadmap data/ly-nhan --year 2023 --target nang-cao --by 2025"],
        },
        "whatif": {
            "short": "Threshold what-if: which communes change.",
            "help": "Threshold what-if: which communes change their indicator results, and the tier they reach, when "
                    "the threshold of one indicator of a criteria set changes.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The year assessed.",
                        "set_id": "The criteria set whose threshold changes (id, name or tier).",
                        "indicator": "Indicator code (for example 14.1).",
                        "threshold": "The assumed threshold (for example 92 or 92.5).",
                        "region": "Change only this region's threshold (for example DBSH).",
                        "group": "Change only this commune group's threshold."},
            "examples": ["ntm whatif data/ly-nhan --year 2023 --set hanam-2022-nang-cao --indicator 14.1 "
                         "--threshold 92"],
        },
        "trends": {
            "short": "Trends of one commune's indicators.",
            "help": "The trend of each indicator of one commune over the years with data (↑ improving, → stagnant, "
                    "↓ worsening, · no data), with the rate per year and the year it is projected to be met.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"commune": "The commune (code or name, with or without diacritics).",
                        "set_id": "Only this criteria set (id, name or tier).",
                        "show_all": "Also the indicators met and unchanged."},
            "examples": ["ntm trends data/ly-nhan --commune \"Chân Lý\" --set hanam-2022-nang-cao"],
        },
        "report": {
            "short": "The HTML report of one commune or district.",
            "help": "Run the report notebook of one commune (--commune) or district (--district) and write one "
                    "self-contained HTML file. The report is in the --lang language.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The report's year.", "commune": "Commune (code or name): one commune's report.",
                        "district": "District (name): the district's summary report.",
                        "out": "The HTML file to write."},
            "examples": ["ntm report data/ly-nhan --year 2023 --commune \"Nhân Bình\" --out nhan-binh.html",
                         "ntm report data/ly-nhan --year 2023 --district \"Lý Nhân\" --lang en "
                         "--out ly-nhan-en.html"],
        },
        "reports": {
            "short": "Every commune's and district's report, in parallel.",
            "help": "Render the report of every commune and district of DATASET, in parallel, and write index.html "
                    "linking them; run again, only the reports missing or out of date are rendered (it picks up "
                    "where an interrupted run stopped).",
            "arguments": {"dataset": "The dataset folder."},
            "metavars": {"out": "FOLDER"},
            "options": {"years": "Year (may be repeated); by default every year with data.",
                        "communes": "Only these communes (codes or names, separated by commas).",
                        "province": "Only the communes and districts of this province.",
                        "district": "Only the communes of this district.",
                        "out": "Output folder.", "jobs": "Number of parallel processes (default: the number of cores).",
                        "formats": "Output formats, separated by commas: ipynb, html.",
                        "force": "Render every report again, even those present and up to date.",
                        "scheduler": "Address of a Dask scheduler (tcp://...) to run on a cluster.",
                        "isolate": "A fresh kernel for each report (slower)."},
            "examples": ["ntm reports data/ly-nhan --year 2023 --out bao-cao"],
        },
        "notebooks": {
            "short": "Copy the report notebooks to open in JupyterLab.",
            "help": "Copy the report notebooks (and the explore notebook) installed with ntmlib into FOLDER, to open "
                    "in JupyterLab; files of the same name are replaced.",
            "arguments": {"folder": "The destination folder (created if missing)."},
            "examples": ["ntm notebooks so-tay"],
        },
        "crosswalk": {
            "short": "New communes of the reorganisation and their predecessors.",
            "help": "The new communes of the administrative reorganisation (crosswalk.csv) and their predecessors; "
                    "with COMMUNE, the results of that new commune's predecessors over the years.",
            "arguments": {"dataset": "The dataset folder.",
                          "commune": "A new commune: name, code or code@date (for example 13591@2025-07-01)."},
            "options": {"years": "Year (may be repeated); by default every year with data."},
            "examples": ["ntm crosswalk data/ly-nhan", "ntm crosswalk data/ly-nhan \"Nam Xang\""],
        },
        "synthetic": {
            "short": "Generate a simulated national dataset.",
            "help": "Generate a simulated national dataset into FOLDER (FOLDER/parquet and FOLDER/csv), for timing "
                    "and testing.",
            "arguments": {"out": "The destination folder."},
            "metavars": {"out": "FOLDER", "communes": "NUMBER"},
            "options": {"communes": "Number of communes.", "seed": "Random seed (same seed, same files)."},
            "examples": ["ntm synthetic quoc-gia --communes 200"],
        },
    },
}


EXCEL_SETS_CLI_HELP = {  # help of `ntm frameworks export|import` and `ntm template`, merged into CLI_HELP
    "vi": {
        "export": {
            "short": "Ghi một bộ tiêu chí ra bảng Excel để đối chiếu, sửa.",
            "help": "Ghi BỘ_TIÊU_CHÍ ra một bảng Excel: mỗi dòng một chỉ tiêu với mã, tên, đơn vị, quy tắc, một "
                    "cột ngưỡng cho mỗi vùng (hoặc nhóm xã) và năm, mức chắc chắn và nguồn; có trang hướng dẫn và "
                    "danh sách chọn ở cột quy tắc và mức chắc chắn; bảng luôn viết bằng tiếng Việt. Sửa xong, nhập lại "
                    "bằng 'ntm frameworks import'.",
            "arguments": {"set_id": "Mã hoặc tên một bộ có sẵn, hoặc đường dẫn tệp .yaml."},
            "options": {"out": "Tệp Excel (.xlsx) kết quả."},
            "examples": ["ntm frameworks export hanam-2022-ntm --out bo-tieu-chi.xlsx"],
        },
        "import": {
            "short": "Nhập bảng Excel bộ tiêu chí đã sửa thành tệp .yaml.",
            "help": "Đọc bảng Excel bộ tiêu chí đã sửa (do 'ntm frameworks export' viết) và ghi một bộ tiêu chí "
                    ".yaml đã kiểm tra. Với --extends, tệp chỉ ghi những chỗ khác bộ gốc. Chỉ tiêu nào có quy tắc "
                    "hoặc ngưỡng được sửa được ghi 'xác nhận', với nguồn là quyết định --decision. Lỗi ghi rõ "
                    "trang tính và ô.",
            "arguments": {"workbook": "Bảng Excel bộ tiêu chí đã sửa."},
            "metavars": {"workbook": "TỆP.xlsx", "new_id": "MÃ", "extends": "BỘ_GỐC", "decision": "QUYẾT_ĐỊNH"},
            "options": {"new_id": "Mã của bộ tiêu chí mới (chữ thường, số, gạch nối), cũng là tên tệp .yaml.",
                        "extends": "Bộ gốc mà bộ mới kế thừa: chỉ ghi những chỗ khác bộ gốc.",
                        "decision": "Số và ngày quyết định của tỉnh, ví dụ \"12/2024/QĐ-UBND ngày 15/3/2024\": "
                                    "nguồn của bộ và của các ngưỡng được sửa.",
                        "out": "Tệp .yaml kết quả, thường là DỮ_LIỆU/frameworks/MÃ.yaml."},
            "examples": ["ntm frameworks import bo-tieu-chi.xlsx --id hanam-2024-ntm --extends vn-2021-ntm "
                         "--decision \"12/2024/QĐ-UBND ngày 15/3/2024\" --out hanam-2024-ntm.yaml"],
        },
        "template": {
            "short": "Bảng Excel nhập số liệu gửi các xã.",
            "help": "Viết bảng Excel nhập số liệu mà huyện gửi các xã cho một năm: mỗi xã một trang (hoặc một "
                    "trang, các xã theo cột, với --layout across), mọi chỉ tiêu của các bộ tiêu chí áp dụng năm đó, "
                    "đơn vị và ngưỡng bên cạnh ô nhập, danh sách chọn Đạt/Chưa đạt, kiểm tra số (0–100 với %), số "
                    "liệu năm trước ở cột xám để tham khảo. Chỉ các ô nhập được mở khoá. Bảng đã điền đặt vào thư "
                    "mục dữ liệu với tên observations.xlsx (hoặc gộp vào số liệu) là chấm được ngay; ô để trống là "
                    "chưa có số liệu. Bảng luôn viết bằng tiếng Việt.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "metavars": {"commune": "XÃ", "layout": "CÁCH_XẾP"},
            "options": {"year": "Năm cần nhập số liệu.",
                        "commune": "Chỉ các xã này (mã hoặc tên; lặp lại được hoặc cách nhau bởi dấu phẩy).",
                        "layout": "per-commune: mỗi xã một trang; across: một trang, các xã theo cột.",
                        "out": "Tệp Excel (.xlsx) kết quả."},
            "examples": ["ntm template data/ly-nhan --year 2024 --out nhap-lieu-2024.xlsx",
                         "ntm template data/ly-nhan --year 2024 --commune \"Nhân Bình\" --layout across "
                         "--out nhan-binh.xlsx"],
        },
    },
    "en": {
        "export": {
            "short": "Write a criteria set as an Excel workbook to check and correct.",
            "help": "Write SET as an Excel workbook: one row per indicator with its code, name, unit, rule, one "
                    "threshold column per region (or commune group) and year, how sure the threshold is and its "
                    "source; a sheet of instructions and drop-down lists on the rule and mark columns; the workbook "
                    "is always in Vietnamese. Once corrected, bring it back with 'ntm frameworks import'.",
            "arguments": {"set_id": "A built-in set's id or name, or the path of a .yaml file."},
            "options": {"out": "The Excel workbook (.xlsx) to write."},
            "examples": ["ntm frameworks export hanam-2022-ntm --out bo-tieu-chi.xlsx"],
        },
        "import": {
            "short": "Turn a corrected criteria-set workbook into a .yaml set.",
            "help": "Read a corrected criteria-set workbook (written by 'ntm frameworks export') and write a "
                    "checked .yaml criteria set. With --extends, the file holds only the differences from the "
                    "parent. Every indicator whose rule or threshold was changed is marked confirmed, with the "
                    "--decision as its source. Errors name the sheet and the cell.",
            "arguments": {"workbook": "The corrected criteria-set workbook."},
            "metavars": {"workbook": "FILE.xlsx", "new_id": "ID", "extends": "PARENT", "decision": "DECISION"},
            "options": {"new_id": "Id of the new set (lower case, digits, hyphens), also its file name.",
                        "extends": "The parent set: only the differences from it are written.",
                        "decision": "Number and date of the province's decision, for example "
                                    "\"12/2024/QĐ-UBND ngày 15/3/2024\": the source of the set and of the "
                                    "changed thresholds.",
                        "out": "The .yaml file to write, usually DATASET/frameworks/ID.yaml."},
            "examples": ["ntm frameworks import bo-tieu-chi.xlsx --id hanam-2024-ntm --extends vn-2021-ntm "
                         "--decision \"12/2024/QĐ-UBND ngày 15/3/2024\" --out hanam-2024-ntm.yaml"],
        },
        "template": {
            "short": "The data-entry workbook sent to the communes.",
            "help": "Write the data-entry workbook a district sends to its communes for one year: one sheet per "
                    "commune (or one sheet with the communes across, with --layout across), every indicator of the "
                    "sets that apply that year, its unit and threshold beside the entry cell, Đạt/Chưa đạt "
                    "drop-down lists, number checks (0-100 for %), last year's value in a grey column for "
                    "reference. Only the entry cells are unlocked. Filled in and put in the dataset folder as "
                    "observations.xlsx (or merged into the data) it is scored as it is; an empty cell is no data. "
                    "The workbook is always in Vietnamese.",
            "arguments": {"dataset": "The dataset folder."},
            "metavars": {"commune": "COMMUNE", "layout": "LAYOUT"},
            "options": {"year": "The year to collect.",
                        "commune": "Only these communes (code or name; repeat or separate with commas).",
                        "layout": "per-commune: one sheet per commune; across: one sheet, communes across.",
                        "out": "The Excel workbook (.xlsx) to write."},
            "examples": ["ntm template data/ly-nhan --year 2024 --out nhap-lieu-2024.xlsx",
                         "ntm template data/ly-nhan --year 2024 --commune \"Nhân Bình\" --layout across "
                         "--out nhan-binh.xlsx"],
        },
    },
}
for _lang in LANGS:
    CLI_HELP[_lang].update(EXCEL_SETS_CLI_HELP[_lang])
CLI_HELP["vi"]["frameworks"]["help"] += (" Lệnh con: 'export' ghi một bộ ra bảng Excel để tỉnh đối chiếu, sửa; "
                                         "'import' nhập bảng đã sửa thành tệp .yaml.")
CLI_HELP["en"]["frameworks"]["help"] += (" Subcommands: 'export' writes a set as an Excel workbook for the province "
                                         "to check and correct; 'import' turns the corrected workbook into a .yaml "
                                         "file.")


FRAMEWORK_HELP = {  # help of the options `ntm frameworks` gained; merged into CLI_HELP below
    "vi": {"provisional": "Chỉ liệt kê các chỉ tiêu có ngưỡng tạm tính của BỘ_TIÊU_CHÍ, với ngưỡng và nguồn."},
    "en": {"provisional": "List only the indicators of SET whose threshold is provisional, with threshold and source."},
}
for _lang, _opts in FRAMEWORK_HELP.items():
    CLI_HELP[_lang]["frameworks"].setdefault("options", {}).update(_opts)
    CLI_HELP[_lang]["frameworks"]["examples"][0] = "ntm frameworks hanam-2022-nang-cao --provisional"

CLI_HELP["vi"]["frameworks"]["help"] += (" Danh sách đếm chỉ tiêu của mỗi bộ theo mức chắc chắn của ngưỡng: xác nhận, suy ra, "
                                         "tạm tính; --provisional chỉ liệt kê các ngưỡng tạm tính, kèm nguồn.")
CLI_HELP["en"]["frameworks"]["help"] += (" The list counts each set's indicators by how sure their threshold is: "
                                         "confirmed, derived, provisional; --provisional lists only the provisional "
                                         "thresholds, with their source.")

for _lang in ("vi", "en"):  # `ntm crosswalk` became a group: its former words are those of `crosswalk show`
    CLI_HELP[_lang]["crosswalk show"] = dict(CLI_HELP[_lang]["crosswalk"])
CLI_HELP["vi"]["crosswalk show"].update(
    short="Các xã mới trong crosswalk.csv và kết quả của các xã tiền thân (lệnh mặc định).",
    examples=["ntm crosswalk show data/ly-nhan", "ntm crosswalk data/ly-nhan \"Nam Xang\""])
CLI_HELP["en"]["crosswalk show"].update(
    short="The new communes of crosswalk.csv and their predecessors' results (the default).",
    examples=["ntm crosswalk show data/ly-nhan", "ntm crosswalk data/ly-nhan \"Nam Xang\""])
CLI_HELP["vi"]["crosswalk build"] = {
    "short": "Lập crosswalk.csv của một tỉnh, huyện từ danh mục chính thức.",
    "help": "Lập bảng đối chiếu sắp xếp đơn vị hành chính 1/7/2025 (định dạng crosswalk.csv) cho mọi đơn vị cũ của "
            "TỈNH (hoặc HUYỆN) từ danh mục đơn vị hành chính chính thức (gói vietnamadminunits, cài bằng pip install "
            "\"ntmlib[units]\"). Đơn vị cũ bị chia cho nhiều xã mới có một dòng cho mỗi xã mới, xã mới mặc định "
            "theo nguồn ghi x ở cột default.",
    "options": {"province": "Tỉnh trước sắp xếp (63 tỉnh), ví dụ \"Hà Nam\".",
                "district": "Chỉ các đơn vị của huyện này.",
                "out": "Ghi ra tệp CSV thay vì màn hình."},
    "metavars": {"out": "TỆP.csv"},
    "examples": ["ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\"",
                 "ntm crosswalk build --province \"Hà Nam\" --out crosswalk.csv"],
}
CLI_HELP["en"]["crosswalk build"] = {
    "short": "Build a province's or district's crosswalk.csv from the official list.",
    "help": "Build the crosswalk of the 1 July 2025 reorganisation (crosswalk.csv format) for every old unit of "
            "PROVINCE (or DISTRICT) from the official list of administrative units (the vietnamadminunits package, "
            "installed with pip install \"ntmlib[units]\"). An old unit divided between several new communes has "
            "one row per new commune, x in the default column on the one the source marks as default.",
    "options": {"province": "Province before the reorganisation (63 provinces), for example \"Hà Nam\".",
                "district": "Only the units of this district.",
                "out": "Write a CSV file instead of the screen."},
    "metavars": {"out": "FILE.csv"},
    "examples": ["ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\"",
                 "ntm crosswalk build --province \"Hà Nam\" --out crosswalk.csv"],
}
CLI_HELP["vi"]["crosswalk"] = {
    "short": "Bảng đối chiếu sắp xếp đơn vị hành chính 2025: xem (show) hoặc lập (build).",
    "help": "Bảng đối chiếu sắp xếp đơn vị hành chính từ 1/7/2025 (crosswalk.csv): 'ntm crosswalk DỮ_LIỆU [XÃ]' "
            "(tức 'ntm crosswalk show') liệt kê các xã mới và kết quả của các xã tiền thân; 'ntm crosswalk build' "
            "lập crosswalk.csv của một tỉnh, huyện từ danh mục chính thức.",
    "examples": ["ntm crosswalk data/ly-nhan \"Nam Xang\"",
                 "ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\""],
}
CLI_HELP["en"]["crosswalk"] = {
    "short": "The crosswalk of the 2025 reorganisation: show it or build it.",
    "help": "The crosswalk of the administrative reorganisation of 1 July 2025 (crosswalk.csv): 'ntm crosswalk "
            "DATASET [COMMUNE]' (that is 'ntm crosswalk show') lists the new communes and their predecessors' "
            "results; 'ntm crosswalk build' builds a province's or district's crosswalk.csv from the official list.",
    "examples": ["ntm crosswalk data/ly-nhan \"Nam Xang\"",
                 "ntm crosswalk build --province \"Hà Nam\" --district \"Lý Nhân\""],
}
CLI_HELP["vi"]["validate"]["options"] = {
    "strict": "Coi mã, tên xã khác danh mục đơn vị hành chính chính thức là lỗi (mặc định chỉ cảnh báo)."}
CLI_HELP["en"]["validate"]["options"] = {
    "strict": "Treat commune codes and names that differ from the official list as errors (by default warnings)."}
CLI_HELP["vi"]["synthetic"].setdefault("options", {}).update(
    province="Lấy các xã thật (mã, tên, huyện, tọa độ) của tỉnh này (63 tỉnh trước sắp xếp) từ danh mục chính "
             "thức; giá trị chỉ tiêu vẫn mô phỏng; bỏ qua --communes.",
    district="Cùng --province: chỉ các xã của huyện này.")
CLI_HELP["en"]["synthetic"].setdefault("options", {}).update(
    province="Take the real communes (codes, names, districts, coordinates) of this province (63 provinces before "
             "the reorganisation) from the official list; the values stay synthetic; --communes is ignored.",
    district="With --province: only the communes of this district.")
CLI_HELP["vi"]["synthetic"]["examples"] = ["ntm synthetic quoc-gia --communes 200",
                                           "ntm synthetic ha-nam --province \"Hà Nam\""]
CLI_HELP["en"]["synthetic"]["examples"] = ["ntm synthetic quoc-gia --communes 200",
                                           "ntm synthetic ha-nam --province \"Hà Nam\""]
