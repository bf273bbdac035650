"""The error messages users read, in Vietnamese and English: a problem is built with `error_text`,
which keeps its Vietnamese text (what every message said before) and the key and values to word
it again in English when it is printed (`worded`)."""
from __future__ import annotations

from .formats import label

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
        # places and columns of the readers (ntmlib.dataset.readers.places)
        "row": "hàng {n}", "sheet_place": "trang tính '{sheet}'",
        "lines_listed": "các dòng {lines}", "rows_listed": "các hàng {rows}", "cells_listed": "các ô {cells}",
        "missing_column": "thiếu cột bắt buộc '{column}'{hint}; các cột có: {shown}",
        "did_you_mean": " (có phải '{hint}'?)", "none_shown": "(không có)",
        # the scores computed beforehand (ntmlib.scoring.cache)
        "unreadable_scores": "không đọc được tệp điểm đã chấm sẵn ({reason})",
        "other_scores_format": "tệp điểm đã chấm sẵn theo định dạng khác của ntmlib: chạy lại lô báo cáo",
        # the scorecard and the rest of scoring (ntmlib.scoring.scorecard, ntmlib.scoring.engine)
        "measure_given": "thước đo", "set_given": "bộ tiêu chí",
        "no_measure": "không có thước đo '{measure}' (có: {have}, …)",
        "set_not_scored": "không có bộ tiêu chí '{set}' trong kết quả chấm (có: {have})",
        "clashing_values": "giá trị trùng lặp khác nhau cho xã {commune}, năm {year}, chỉ tiêu {indicator} ({places})",
        "years_outside_period": "năm {years} nằm ngoài giai đoạn {start}–{end} của bộ tiêu chí",
        # languages (ntmlib.base.languages)
        "language_given": "ngôn ngữ", "unsupported_lang": "'{given}' không hỗ trợ (dùng vi hoặc en)",
        # finding a commune, district, province or criteria set by name (ntmlib.dataset.resolve)
        "what_commune": "xã", "what_communes": "xã", "what_province": "tỉnh", "what_provinces": "tỉnh",
        "what_district": "huyện", "what_districts": "huyện", "what_set": "bộ tiêu chí", "what_sets": "bộ tiêu chí",
        "what_commune_id": "mã xã",
        "unknown_near": "không có {what} '{ref}'. Có phải: {near}?",
        "unknown_no_names": "không có {what} '{ref}': dữ liệu không ghi {what} nào",
        "unknown_listed": "không có {what} '{ref}'. Có: {names}{more}", "unknown_more": ", … ({n} {whats})",
        "many_matches": "'{ref}' trùng với nhiều {whats}: {hits}; ghi mã để chọn một",
        "no_commune_id": "thiếu mã xã",
        "commune_name_many": "tên xã '{ref}' trùng với nhiều xã ({hits}): dùng mã xã",
        "commune_not_in": "{what} '{ref}' không có trong {file}{hint}",
        # the official list of administrative units (ntmlib.dataset.units)
        "units_missing": "cần gói {package} (danh mục đơn vị hành chính chính thức): cài bằng "
                         "pip install \"ntmlib[units]\" hoặc pip install {package}",
        "did_you_mean_names": " (có phải: {names}?)",
        "no_official_unit": "không có {what} '{ref}' trong danh mục đơn vị hành chính chính thức ({package}){hint}",
        "province_not_official": "tỉnh '{province}' không có trong danh mục đơn vị hành chính chính thức: "
                                 "không kiểm tra mã, tên {n} xã của tỉnh này",
        "code_not_official": "mã {code} ({name}) không phải mã chính thức của một xã, phường, thị trấn thuộc tỉnh "
                             "{province}",
        "name_not_official": "tên '{name}' khác tên chính thức của mã {code}: '{official}'",
        "kind_code_not_official": "mã không chính thức", "kind_name_not_official": "tên khác tên chính thức",
        "more_communes_warned": "và {n} xã khác cùng cảnh báo ({kind})",
        # criteria set files (ntmlib.criteria.criteria_set)
        "set_not_found": "không tìm thấy bộ tiêu chí '{ref}' (có sẵn: {known})",
        "set_not_utf8": "tệp không phải mã UTF-8 ({reason} ở byte {at})",
        "set_not_mapping": "bộ tiêu chí phải là một bảng khoá: giá trị YAML",
        "schema_required": "thiếu trường bắt buộc {fields}", "schema_extra": "trường không dùng được ở đây: {fields}",
        "schema_enum": "{value} không phải một trong {allowed}", "schema_above": "{value} phải lớn hơn {limit}",
        "schema_min": "{value} phải từ {limit} trở lên", "schema_type": "{value} không phải {types}",
        "schema_other": "không đúng lược đồ ({kind}): {detail}", "either": "{a} hoặc {b}",
        "type_string": "chuỗi", "type_number": "số", "type_integer": "số nguyên", "type_array": "danh sách",
        "type_object": "bảng khoá: giá trị", "type_boolean": "đúng/sai", "type_null": "rỗng",
        "file_root": "(gốc tệp)", "id_not_file_name": "mã '{id}' khác tên tệp",
        "circular_extends": "kế thừa vòng tròn: {chain}", "extends_unknown": "kế thừa bộ tiêu chí không có: '{ref}'",
        "needs_extends": "'{field}' chỉ dùng được trong bộ kế thừa bộ khác (extends)",
        "no_group": "không có nhóm tiêu chí '{group}'", "repeated_criterion": "mã tiêu chí '{code}' bị lặp",
        "override_unknown": "sửa chỉ tiêu không có: '{code}'", "remove_unknown": "bỏ chỉ tiêu không có: '{code}'",
        "no_criterion": "không có tiêu chí '{code}'", "repeated_indicator": "mã chỉ tiêu '{code}' bị lặp",
        "criterion_empty": "tiêu chí '{code}' không còn chỉ tiêu nào",
        "declared_criteria": "có {n} tiêu chí, nhưng declared.criteria ghi {declared}",
        "declared_indicators": "có {n} chỉ tiêu, nhiều hơn declared.indicators ({declared})",
        "rule_needs_threshold": "quy tắc '{rule}' cần ngưỡng", "rule_no_threshold": "quy tắc '{rule}' không có ngưỡng",
        "circular_derived": "quy tắc ngưỡng vòng tròn: {chain}",
        "derived_unknown_set": "quy tắc ngưỡng dựa vào bộ tiêu chí không có: '{set}'",
        "derived_no_indicator": "quy tắc ngưỡng dựa vào không có chỉ tiêu '{code}' của bộ {set}",
        "derived_no_number": "quy tắc ngưỡng dựa vào chỉ tiêu không có ngưỡng số: '{code}' của bộ {set}",
        "no_region": "không có vùng '{code}'", "no_commune_group": "không có nhóm xã '{code}'",
        "not_year_key": "'{code}' không phải là năm",
        # the checks of loading (ntmlib.dataset.checks, ntmlib.dataset.loading)
        "more_same_problem": "và {n} chỗ khác cùng lỗi ({kind})",
        "no_sets_for_year_cells": "không có bộ tiêu chí nào cho năm {year} trong dataset.yaml ({n} ô số liệu năm "
                                  "{year})",
        "year_outside_set": "năm {year} nằm ngoài giai đoạn {start}–{end} của bộ tiêu chí {set}",
        "year_outside_set_cells": "{outside} (dataset.yaml; {n} ô số liệu năm {year})",
        "outside_cells": "{outside} ({n} ô số liệu)",
        "no_commune_group_set": "xã {commune} ({id}) chưa có nhóm xã; bộ {sets} có ngưỡng theo nhóm xã (ghi {codes})",
        "unknown_commune_group": "nhóm xã '{group}' của xã {commune} ({id}) không có trong bộ {sets} (dùng {codes})",
        "unknown_indicator_of_set": "không có chỉ tiêu '{code}' của bộ {set} năm {year}{hint}",
        "indicator_read_as_measure": "không có chỉ tiêu '{code}' năm {year}: cột set trống nên '{code}' được hiểu là "
                                     "tên đại lượng (measure); ghi bộ tiêu chí, ví dụ {example}",
        "unknown_indicator": "không có chỉ tiêu '{code}' năm {year}{hint}",
        "units_unchecked": "không kiểm tra được mã và tên xã: {reason}",
        "bad_tier": "hạng '{tier}' không hợp lệ (dùng {tiers})", "no_indicator_code": "thiếu mã chỉ tiêu",
        "repeated_commune_id": "mã xã '{id}' bị lặp", "no_year": "thiếu năm", "bad_year": "năm '{year}' không hợp lệ",
        "unclear_set": "không rõ bộ tiêu chí của '{ref}'{hint}",
        "unclear_set_hint": " (dataset.yaml có cho năm {year}: {ids}; ghi mã bộ hoặc hạng NTM / nâng cao / kiểu mẫu)",
        "no_set_of_tier": "dataset.yaml không có bộ tiêu chí hạng '{tier}' cho năm {year} (có: {have})",
        "none_word": "không", "set_ambiguous": "'{ref}' có thể là {ids}: ghi rõ mã bộ tiêu chí",
        "clashing_values_listed": "giá trị trùng lặp khác nhau cho xã {commune}, năm {year}, chỉ tiêu {indicator} "
                                  "({places}: {values})",
        # crosswalk.csv (ntmlib.dataset.crosswalk)
        "name_not_code": "tên '{given}' không khớp với mã {code} ('{name}' trong {file})",
        "missing_what": "thiếu {what}", "word_new_commune_id": "mã xã mới", "word_new_commune": "tên xã mới",
        "word_new_province": "tỉnh mới", "word_unit_new_commune": "tên", "word_unit_new_province": "tỉnh",
        "word_unit_new_type": "loại đơn vị",
        "bad_unit_type": "loại đơn vị '{type}' không hợp lệ (dùng {types})",
        "no_effective_date": "thiếu ngày hiệu lực",
        "bad_effective_date": "ngày hiệu lực '{date}' không hợp lệ (ghi dạng 2025-07-01)",
        "commune_twice": "xã {old} đã được ghi vào xã mới '{new}' cùng ngày {date} ({place}): mỗi xã cũ chỉ thuộc "
                         "một xã mới ở mỗi ngày hiệu lực (xã bị chia cho nhiều xã mới: ghi x ở cột default của đúng "
                         "một dòng)",
        "unit_differs": "xã mới {unit} đã ghi {what} '{before}' ({place}), ở đây là '{here}'",
        # workbooks (ntmlib.dataset.readers.wide, ntmlib.dataset.readers.xlsx)
        "unclear_layout": "không rõ bảng xếp theo chiều nào: cột {letter} có {down} mã chỉ tiêu theo dòng, dòng {row} "
                          "có {across} mã chỉ tiêu theo cột; có vẻ là {guess} — ghi tiêu đề cột {letter} là 'Mã chỉ "
                          "tiêu' nếu mỗi dòng là một chỉ tiêu, hoặc tiêu đề cột xã là 'Tên xã' (hay 'Mã xã') nếu mỗi "
                          "dòng là một xã",
        "layout_down": "mỗi dòng một chỉ tiêu, mỗi cột một xã",
        "layout_across": "mỗi dòng một xã, mỗi cột một chỉ tiêu",
        "no_commune_column": "không thấy cột xã bên cạnh các mã chỉ tiêu theo cột (mỗi dòng một xã): ghi tiêu đề cột "
                             "xã là 'Tên xã' hoặc 'Mã xã'",
        "no_year_of_sheet": "không rõ năm của trang tính '{sheet}': đặt tên trang là năm (ví dụ '2023' hoặc "
                            "'2023 NTM') hoặc ghi 'Năm 2023' ở dòng tiêu đề",
        "no_commune_columns": "không có cột xã nào bên phải cột mã chỉ tiêu (tiêu đề cột là mã hoặc tên xã)",
        "no_table": "không tìm thấy bảng số liệu: cần dòng tiêu đề có commune_id, year, indicator, value (dạng dọc) "
                    "hoặc ô 'Mã chỉ tiêu' (dạng ngang)",
        # values refused (ntmlib.base.values)
        "value_unreadable": "không phải số, cũng không phải Đạt/Không đạt hay có/không",
        "value_ambiguous": "không rõ dấu chấm là dấu thập phân hay phân cách hàng nghìn (viết 1234 hoặc 1,234)",
        "value_kind_number": "chỉ tiêu này cần một số{unit} hoặc Đạt/Không đạt",
        "value_kind_yesno": "chỉ tiêu này cần Đạt/Không đạt, có/không hoặc 1/0", "value_range": "ngoài khoảng 0–100",
        "value_percent_sign": "có dấu % nhưng đơn vị của chỉ tiêu là {unit}",
        "value_target": "chỉ tiêu {indicator}{set}",
        "value_out_of_range": "giá trị '{value}' ngoài khoảng 0–100 cho {target}, đơn vị %",
        "value_not_read": "giá trị '{value}' không đọc được cho {target}: {why}",
        # why a file cannot be written (ntmlib.base.outputs)
        "os_no_permission": "không có quyền ghi", "os_read_only": "ổ đĩa chỉ đọc", "os_disk_full": "ổ đĩa đầy",
        "os_quota": "vượt hạn mức ổ đĩa", "os_not_dir": "không phải là thư mục", "os_is_dir": "là một thư mục",
        "os_name_too_long": "tên tệp quá dài", "os_not_found": "không tìm thấy",
        # writing results (ntmlib.base.outputs)
        "cannot_write_file": "không ghi được tệp: {reason}",
        "out_is_file": "thư mục kết quả là một tệp, không phải thư mục",
        "cannot_write_dir": "không ghi được vào thư mục kết quả: {reason}",
        # the bulletin (ntmlib.present.bulletin)
        "bulletin_sets": "bản tin cần kết quả theo bộ tiêu chí NTM và NTM nâng cao năm {year}",
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
        # places and columns of the readers (ntmlib.dataset.readers.places)
        "row": "row {n}", "sheet_place": "sheet '{sheet}'",
        "lines_listed": "lines {lines}", "rows_listed": "rows {rows}", "cells_listed": "cells {cells}",
        "missing_column": "required column '{column}' is missing{hint}; the columns are: {shown}",
        "did_you_mean": " (did you mean '{hint}'?)", "none_shown": "(none)",
        # the scores computed beforehand (ntmlib.scoring.cache)
        "unreadable_scores": "cannot read the file of scores computed beforehand ({reason})",
        "other_scores_format": "the file of scores computed beforehand is in another format of ntmlib: run the "
                               "report batch again",
        # the scorecard and the rest of scoring (ntmlib.scoring.scorecard, ntmlib.scoring.engine)
        "measure_given": "measure", "set_given": "criteria set",
        "no_measure": "no measure '{measure}' (there is: {have}, …)",
        "set_not_scored": "no criteria set '{set}' in the scores (there is: {have})",
        "clashing_values": "different values repeated for commune {commune}, year {year}, indicator {indicator} "
                           "({places})",
        "years_outside_period": "{years} outside the period {start}–{end} of the criteria set",
        # languages (ntmlib.base.languages)
        "language_given": "language", "unsupported_lang": "'{given}' is not supported (use vi or en)",
        # finding a commune, district, province or criteria set by name (ntmlib.dataset.resolve)
        "what_commune": "commune", "what_communes": "communes", "what_province": "province",
        "what_provinces": "provinces", "what_district": "district", "what_districts": "districts",
        "what_set": "criteria set", "what_sets": "criteria sets", "what_commune_id": "commune id",
        "unknown_near": "no {what} '{ref}'. Did you mean: {near}?",
        "unknown_no_names": "no {what} '{ref}': the data names no {what}",
        "unknown_listed": "no {what} '{ref}'. There are: {names}{more}", "unknown_more": ", … ({n} {whats})",
        "many_matches": "'{ref}' matches several {whats}: {hits}; write the code to choose one",
        "no_commune_id": "the commune id is missing",
        "commune_name_many": "the commune name '{ref}' matches several communes ({hits}): use the commune id",
        "commune_not_in": "{what} '{ref}' is not in {file}{hint}",
        # the official list of administrative units (ntmlib.dataset.units)
        "units_missing": "needs the package {package} (the official list of administrative units): install it "
                         "with pip install \"ntmlib[units]\" or pip install {package}",
        "did_you_mean_names": " (did you mean: {names}?)",
        "no_official_unit": "no {what} '{ref}' in the official list of administrative units ({package}){hint}",
        "province_not_official": "province '{province}' is not in the official list of administrative units: "
                                 "the codes and names of its communes ({n}) are not checked",
        "code_not_official": "code {code} ({name}) is not the official code of a commune, ward or town of the "
                             "province {province}",
        "name_not_official": "name '{name}' differs from the official name of code {code}: '{official}'",
        "kind_code_not_official": "code not official", "kind_name_not_official": "name not the official one",
        "more_communes_warned": "and {n} more communes with the same warning ({kind})",
        # criteria set files (ntmlib.criteria.criteria_set)
        "set_not_found": "criteria set '{ref}' not found (available: {known})",
        "set_not_utf8": "the file is not UTF-8 ({reason} at byte {at})",
        "set_not_mapping": "a criteria set must be a YAML mapping of key: value",
        "schema_required": "required field missing: {fields}", "schema_extra": "field not allowed here: {fields}",
        "schema_enum": "{value} is not one of {allowed}", "schema_above": "{value} must be greater than {limit}",
        "schema_min": "{value} must be {limit} or more", "schema_type": "{value} is not {types}",
        "schema_other": "does not follow the schema ({kind}): {detail}", "either": "{a} or {b}",
        "type_string": "a string", "type_number": "a number", "type_integer": "an integer", "type_array": "a list",
        "type_object": "a mapping of key: value", "type_boolean": "true/false", "type_null": "empty",
        "file_root": "(root of the file)", "id_not_file_name": "id '{id}' differs from the file name",
        "circular_extends": "circular extends: {chain}",
        "extends_unknown": "extends a criteria set that does not exist: '{ref}'",
        "needs_extends": "'{field}' can only be used in a set that extends another (extends)",
        "no_group": "no criteria group '{group}'", "repeated_criterion": "criterion code '{code}' is repeated",
        "override_unknown": "overrides an indicator that does not exist: '{code}'",
        "remove_unknown": "removes an indicator that does not exist: '{code}'",
        "no_criterion": "no criterion '{code}'", "repeated_indicator": "indicator code '{code}' is repeated",
        "criterion_empty": "criterion '{code}' has no indicator left",
        "declared_criteria": "{n} criteria, but declared.criteria says {declared}",
        "declared_indicators": "{n} indicators, more than declared.indicators ({declared})",
        "rule_needs_threshold": "rule '{rule}' needs a threshold",
        "rule_no_threshold": "rule '{rule}' takes no threshold",
        "circular_derived": "circular threshold rule: {chain}",
        "derived_unknown_set": "threshold rule based on a criteria set that does not exist: '{set}'",
        "derived_no_indicator": "threshold rule based on an indicator that does not exist: '{code}' of set {set}",
        "derived_no_number": "threshold rule based on an indicator without a numeric threshold: '{code}' of set "
                             "{set}",
        "no_region": "no region '{code}'", "no_commune_group": "no commune group '{code}'",
        "not_year_key": "'{code}' is not a year",
        # the checks of loading (ntmlib.dataset.checks, ntmlib.dataset.loading)
        "more_same_problem": "and {n} more places with the same problem ({kind})",
        "no_sets_for_year_cells": "no criteria set for {year} in dataset.yaml (data cells of {year}: {n})",
        "year_outside_set": "{year} is outside the period {start}–{end} of the criteria set {set}",
        "year_outside_set_cells": "{outside} (dataset.yaml; data cells of {year}: {n})",
        "outside_cells": "{outside} ({n} data cells)",
        "no_commune_group_set": "commune {commune} ({id}) has no commune group; the sets {sets} have thresholds by "
                                "commune group (write {codes})",
        "unknown_commune_group": "commune group '{group}' of commune {commune} ({id}) is not in the sets {sets} "
                                 "(use {codes})",
        "unknown_indicator_of_set": "no indicator '{code}' of set {set} in {year}{hint}",
        "indicator_read_as_measure": "no indicator '{code}' in {year}: the set column is empty, so '{code}' is read "
                                     "as the name of a measure; write the criteria set, for example {example}",
        "unknown_indicator": "no indicator '{code}' in {year}{hint}",
        "units_unchecked": "cannot check the codes and names of the communes: {reason}",
        "bad_tier": "tier '{tier}' is not valid (use {tiers})", "no_indicator_code": "the indicator code is missing",
        "repeated_commune_id": "commune id '{id}' is repeated", "no_year": "the year is missing",
        "bad_year": "year '{year}' is not valid",
        "unclear_set": "unclear which criteria set '{ref}' is{hint}",
        "unclear_set_hint": " (dataset.yaml has for {year}: {ids}; write the set id or the tier NTM / nâng cao / "
                            "kiểu mẫu)",
        "no_set_of_tier": "dataset.yaml has no criteria set of tier '{tier}' for {year} (there is: {have})",
        "none_word": "none", "set_ambiguous": "'{ref}' could be {ids}: write the criteria set id",
        "clashing_values_listed": "different values repeated for commune {commune}, year {year}, indicator "
                                  "{indicator} ({places}: {values})",
        # crosswalk.csv (ntmlib.dataset.crosswalk)
        "name_not_code": "name '{given}' does not match code {code} ('{name}' in {file})",
        "missing_what": "{what} is missing", "word_new_commune_id": "the new commune id",
        "word_new_commune": "the new commune name", "word_new_province": "the new province",
        "word_unit_new_commune": "the name", "word_unit_new_province": "the province",
        "word_unit_new_type": "the unit type",
        "bad_unit_type": "unit type '{type}' is not valid (use {types})",
        "no_effective_date": "the effective date is missing",
        "bad_effective_date": "effective date '{date}' is not valid (write it as 2025-07-01)",
        "commune_twice": "commune {old} is already written into the new commune '{new}' on the same date {date} "
                         "({place}): an old commune belongs to one new commune on each effective date (a commune "
                         "divided between several new communes: write x in the default column of exactly one row)",
        "unit_differs": "new commune {unit} already has {what} '{before}' ({place}), here '{here}'",
        # workbooks (ntmlib.dataset.readers.wide, ntmlib.dataset.readers.xlsx)
        "unclear_layout": "unclear which way the table runs: column {letter} has {down} indicator codes down the "
                          "rows, row {row} has {across} indicator codes across the columns; it looks like {guess} — "
                          "title column {letter} 'Mã chỉ tiêu' if each row is an indicator, or title the commune "
                          "column 'Tên xã' (or 'Mã xã') if each row is a commune",
        "layout_down": "one indicator per row, one commune per column",
        "layout_across": "one commune per row, one indicator per column",
        "no_commune_column": "no commune column beside the indicator codes across the columns (one commune per "
                             "row): title the commune column 'Tên xã' or 'Mã xã'",
        "no_year_of_sheet": "unclear year of sheet '{sheet}': name the sheet by its year (for example '2023' or "
                            "'2023 NTM') or write 'Năm 2023' in the title rows",
        "no_commune_columns": "no commune column to the right of the indicator code column (the column titles are "
                              "commune codes or names)",
        "no_table": "no data table found: needs a header row with commune_id, year, indicator, value (long layout) "
                    "or a cell 'Mã chỉ tiêu' (wide layout)",
        # values refused (ntmlib.base.values)
        "value_unreadable": "neither a number nor Đạt/Không đạt or có/không",
        "value_ambiguous": "unclear whether the dot is a decimal point or separates thousands (write 1234 or 1,234)",
        "value_kind_number": "this indicator needs a number{unit} or Đạt/Không đạt",
        "value_kind_yesno": "this indicator needs Đạt/Không đạt, có/không or 1/0", "value_range": "outside 0–100",
        "value_percent_sign": "has a % sign but the unit of the indicator is {unit}",
        "value_target": "indicator {indicator}{set}",
        "value_out_of_range": "value '{value}' outside 0–100 for {target}, unit %",
        "value_not_read": "value '{value}' cannot be read for {target}: {why}",
        # why a file cannot be written (ntmlib.base.outputs)
        "os_no_permission": "no permission to write", "os_read_only": "read-only disk", "os_disk_full": "disk full",
        "os_quota": "disk quota exceeded", "os_not_dir": "not a folder", "os_is_dir": "is a folder",
        "os_name_too_long": "file name too long", "os_not_found": "not found",
        "cannot_write_file": "cannot write the file: {reason}",
        "out_is_file": "the output folder is a file, not a folder",
        "cannot_write_dir": "cannot write into the output folder: {reason}",
        "bulletin_sets": "the bulletin needs results by the NTM and advanced NTM criteria sets in {year}",
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
