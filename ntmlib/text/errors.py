"""The error messages users read, in Vietnamese and English: a problem is built with `error_text`,
which keeps its Vietnamese text (what every message said before) and the key and values to word
it again in English when it is printed (`worded`)."""
from __future__ import annotations

from .formats import TIER_WORDS, label, tier_name

ERROR_TEXT = {
    "vi": {
        # where a problem is: the words Problem adds around a message
        "column": "cột", "line": "dòng {n}", "year_given": "năm", "commune_given": "xã",
        # the dataset folder and dataset.yaml (ntmlib.dataset.loading)
        "no_folder": "không tìm thấy thư mục dữ liệu",
        "not_utf8": "tệp không phải mã UTF-8",
        "bad_yaml": "YAML không hợp lệ: {reason}",
        "not_mapping": "cần một bảng khoá: giá trị (name, description, frameworks)",
        "bad_frameworks": "cần dạng {{years: [2021, 2025], sets: [mã bộ, ...]}}",
        "bad_targets": "cần một danh sách mục tiêu, mỗi mục dạng {{tier: ntm, year: 2030, share: 0.65, source: …}}",
        "target_keys": "khóa không dùng được: {keys} (dùng tier, year, share hoặc count, source, note)",
        "target_tier": "hạng '{tier}' không có (dùng {tiers})",
        "target_year": "năm mục tiêu '{year}' phải là một năm, ví dụ 2030",
        "target_share_or_count": "cần đúng một trong share (tỷ lệ xã, ví dụ 0.65) hoặc count (số xã, ví dụ 85)",
        "target_share": "tỷ lệ '{share}' phải là số lớn hơn 0 và không quá 1 (65 % viết là 0.65)",
        "target_count": "số xã '{count}' phải là số nguyên dương",
        "target_text": "'{value}' phải là một dòng chữ",
        "target_twice": "mục tiêu hạng {tier} năm {year} đã ghi ở targets[{first}]",
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
        # the synthetic datasets (ntmlib.dataset.synthetic)
        "synthetic_years": "năm {year} không dùng được cho dữ liệu mô phỏng theo đơn vị hành chính từ 1/7/2025: "
                           "cần các năm {first}–{last}, trong đó ít nhất một năm từ {new}",
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
        "tier_needs_rank": "hạng '{tier}' không phải {known}: ghi thêm tier_rank (bậc của hạng, 1 là thấp nhất) "
                           "và tier_name (tên hạng)",
        "requires_not_lower": "hạng yêu cầu '{requires}' (bậc {required}) phải thấp hơn hạng '{tier}' của bộ "
                              "(bậc {rank})",
        "tier_rank_differs": "hạng '{tier}' có bậc {rank} ở bộ {set} nhưng bậc {other_rank} ở bộ {other}",
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
        "commune_without_data": "xã {name} ({code}) chưa có số liệu năm {year}: báo cáo của xã ghi 'chưa có số liệu', "
                                "xã được tính là chưa có số liệu trong báo cáo của huyện{more}",
        "more_without_data": "; cùng năm còn {n} xã khác chưa có số liệu: {names}",
        "no_sets_for_year_cells": "không có bộ tiêu chí nào cho năm {year} trong dataset.yaml ({n} ô số liệu năm "
                                  "{year})",
        "year_outside_set": "năm {year} nằm ngoài giai đoạn {start}–{end} của bộ tiêu chí {set}",
        "year_outside_set_cells": "{outside} (dataset.yaml; {n} ô số liệu năm {year})",
        "outside_cells": "{outside} ({n} ô số liệu)",
        "commune_ended": "xã {commune} ({id}) không còn từ ngày {date} (đã thuộc xã mới {new}, mã tham chiếu {ref}; "
                         "crosswalk.csv): không có số liệu năm {year} của xã cũ",
        "commune_not_yet": "xã {commune} ({id}) được thành lập từ ngày {date} (crosswalk.csv): không có số liệu năm "
                           "{year}",
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
        # the province bulletin (ntmlib.present.province_bulletin, ntm bulletin)
        "bulletin_no_sets": "frameworks không nêu bộ tiêu chí nào cho năm {year} (có số liệu và bộ tiêu chí: {years})",
        "bulletin_provinces": "số liệu năm {year} có xã của {n} tỉnh ({provinces}): chọn một tỉnh bằng --province",
        "bulletin_no_communes": "không có xã nào của tỉnh {province} có kết quả năm {year}",
        "province_offices": "province_offices phải là danh sách theo tên tỉnh, mỗi tỉnh một nhóm khóa "
                            "(parent_body, issuing_body, place, …)",
        # what a user asked for, named by a problem (ntmlib.analysis, present, jupyter, run)
        "criteria_set_asked": "bộ tiêu chí", "tier_asked": "hạng", "target_year_asked": "năm mục tiêu",
        "threshold_asked": "ngưỡng", "indicator_asked": "chỉ tiêu", "region_asked": "vùng", "group_asked": "nhóm xã",
        "region_year_asked": "vùng và năm", "level_asked": "cấp tổng hợp", "dataset_asked": "bộ dữ liệu",
        "commune_asked": "xã", "district_asked": "huyện", "province_asked": "tỉnh", "data_asked": "dữ liệu",
        "dask_asked": "máy chủ Dask",
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
        "threshold_varies": "ngưỡng chỉ tiêu {indicator} của bộ {set} khác nhau theo {by} ({values}), không thay "
                            "một giá trị cho mọi {by} được: chọn {param}=… (lệnh ntm: --{param}), một trong {have}",
        # comparing two scorecards (ntmlib.compare)
        "compare_asked": "so sánh kết quả", "years_asked": "các năm",
        "compare_two_tier_sets": "kết quả {side} có {n} bộ tiêu chí hạng {tier} năm {year} ({sets}): chỉ so sánh "
                                 "được khi mỗi hạng có một bộ",
        "compare_years": "hai kết quả chấm khác năm ({a} và {b}): chọn một năm mỗi bên, years=(năm_a, năm_b)",
        # figures and reports (ntmlib.present)
        "no_commune_codes": "không có xã mã {communes} trong kết quả chấm năm {year}",
        "set_not_tier": "bộ tiêu chí '{set}' không phải hạng {tier}",
        "no_tier_set_scored": "không có bộ tiêu chí hạng {tier} nào được chấm năm {year}",
        "many_tier_sets": "có nhiều bộ tiêu chí hạng {tier} năm {year} ({sets}): chọn một bằng set_id",
        "cached_years_missing": "kết quả chấm sẵn thiếu năm {years}",
        "no_commune_in_dataset": "không có xã '{commune}' trong bộ dữ liệu {dataset} (các xã: {known}{new})",
        "new_communes_listed": "; xã mới sau sắp xếp: {names}",
        "commune_not_assessed": "'{commune}' không được đánh giá theo bộ tiêu chí xã{hint}",
        "commune_gone_in_year": "xã {commune} ({id}) không còn từ ngày {date}: từ đó thuộc xã {new}, nên không có "
                                "kết quả năm {year}; báo cáo năm {year} là báo cáo của xã {new}",
        "no_province_communes": "tỉnh {province} không có xã nào được chấm năm {year} (tỉnh có xã được chấm các năm: "
                                "{years})",
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
        "needs_text_list": "cần một danh sách dòng chữ, ví dụ {field}: [\"…\", \"…\"]",
        "needs_date": "cần một ngày dạng NNNN-TT-NN, ví dụ {field}: 2025-06-30",
        "entry_no_sets": "dataset.yaml không nêu bộ tiêu chí nào cho năm {year}",
        "entry_none_assessed": "không xã nào được đánh giá: {names} không thuộc diện đánh giá (assessed = false "
                               "trong communes.csv)",
        # running reports (ntmlib.run) and the command line (ntmlib.cli)
        "needs_dask": "cần gói dask[distributed]: pip install 'ntmlib[dask]'",
        "not_ours": "tệp có sẵn, không do 'ntm reports' viết ra, sẽ bị ghi đè: chọn thư mục khác cho --out, hoặc "
                    "thêm --force để ghi đè",
        "pdf_asked": "PDF",
        "no_pdf_engine": "cần trình duyệt Chromium để in ra PDF (không tìm thấy {names}): cài Chromium (Debian, "
                         "Ubuntu: apt install chromium; Windows: Google Chrome), hoặc đặt biến NTM_CHROMIUM là đường "
                         "dẫn đến tệp chạy của trình duyệt",
        "pdf_failed": "Chromium không in được {page} ra PDF (mã thoát {code}): {reason}",
        "kernel_start": "không khởi động được kernel sau {n} lần thử: {reason}",
        "no_crosswalk": "bộ dữ liệu {name} không có {file}",
        # importing a criteria-set workbook (ntmlib.office.criteria_import)
        "import_sheet_place": "trang tính '{sheet}'",
        "import_bad_id": "mã '{id}' chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ "
                         "hanam-2024-ntm)",
        "import_out_name": "tên tệp phải là mã của bộ tiêu chí: {id}.yaml",
        "import_needs_out": "cần tệp .yaml kết quả (out=DỮ_LIỆU/frameworks/MÃ.yaml)",
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
        "column": "column", "line": "line {n}", "year_given": "year", "commune_given": "commune",
        "no_folder": "the dataset folder does not exist",
        "not_utf8": "the file is not UTF-8",
        "bad_yaml": "invalid YAML: {reason}",
        "not_mapping": "needs a mapping of key: value (name, description, frameworks)",
        "bad_frameworks": "needs the form {{years: [2021, 2025], sets: [set id, ...]}}",
        "bad_targets": "needs a list of targets, each of the form {{tier: ntm, year: 2030, share: 0.65, source: …}}",
        "target_keys": "keys that cannot be used: {keys} (use tier, year, share or count, source, note)",
        "target_tier": "no tier '{tier}' (use {tiers})",
        "target_year": "the target year '{year}' must be a year, e.g. 2030",
        "target_share_or_count": "needs exactly one of share (a share of the communes, e.g. 0.65) or count (a number "
                                 "of communes, e.g. 85)",
        "target_share": "the share '{share}' must be a number above 0 and at most 1 (65 % is written 0.65)",
        "target_count": "the number of communes '{count}' must be a positive whole number",
        "target_text": "'{value}' must be one line of text",
        "target_twice": "a target for tier {tier} in {year} is already given at targets[{first}]",
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
        # the synthetic datasets (ntmlib.dataset.synthetic)
        "synthetic_years": "year {year} cannot be used for simulated data on the units of 1/7/2025: the years "
                           "must be {first}–{last}, at least one of them from {new}",
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
        "tier_needs_rank": "tier '{tier}' is not one of {known}: add tier_rank (the tier's rank, 1 the lowest) "
                           "and tier_name (its name)",
        "requires_not_lower": "the required tier '{requires}' (rank {required}) must rank below the set's tier "
                              "'{tier}' (rank {rank})",
        "tier_rank_differs": "tier '{tier}' has rank {rank} in set {set} but rank {other_rank} in set {other}",
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
        "commune_without_data": "commune {name} ({code}) has no data for {year}: its report says 'no data' and the "
                                "district's report counts it as without data{more}",
        "more_without_data": "; also without data that year ({n}): {names}",
        "no_sets_for_year_cells": "no criteria set for {year} in dataset.yaml (data cells of {year}: {n})",
        "year_outside_set": "{year} is outside the period {start}–{end} of the criteria set {set}",
        "year_outside_set_cells": "{outside} (dataset.yaml; data cells of {year}: {n})",
        "outside_cells": "{outside} ({n} data cells)",
        "commune_ended": "commune {commune} ({id}) ceased to exist on {date} (it joined the new commune {new}, "
                         "reference {ref}; crosswalk.csv): an old commune has no data for {year}",
        "commune_not_yet": "commune {commune} ({id}) was formed on {date} (crosswalk.csv): it has no data for {year}",
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
        "bulletin_no_sets": "frameworks names no criteria set for {year} (years with data and sets: {years})",
        "bulletin_provinces": "the data of {year} hold communes of {n} provinces ({provinces}): choose one with "
                              "--province",
        "bulletin_no_communes": "no commune of {province} province has results for {year}",
        "province_offices": "province_offices must map each province's name to its keys (parent_body, issuing_body, "
                            "place, …)",
        "criteria_set_asked": "criteria set", "tier_asked": "tier", "target_year_asked": "target year",
        "threshold_asked": "threshold", "indicator_asked": "indicator", "region_asked": "region",
        "group_asked": "commune group", "region_year_asked": "region and year", "level_asked": "level",
        "dataset_asked": "dataset", "commune_asked": "commune", "district_asked": "district",
        "province_asked": "province", "data_asked": "data",
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
        "threshold_varies": "the threshold of indicator {indicator} of set {set} differs by {by} ({values}); one "
                            "value cannot replace all of them: choose {param}=… (ntm: --{param}), one of {have}",
        "compare_asked": "comparison of results", "years_asked": "years",
        "compare_two_tier_sets": "results {side} have {n} {tier} criteria sets in {year} ({sets}): they compare only "
                                 "with one set per tier",
        "compare_years": "the two scorecards are of different years ({a} and {b}): choose one year on each side, "
                         "years=(year_a, year_b)",
        "no_commune_codes": "no commune with code {communes} among the results of {year}",
        "set_not_tier": "criteria set '{set}' is not of the {tier} tier",
        "no_tier_set_scored": "no {tier} criteria set was scored in {year}",
        "many_tier_sets": "several {tier} criteria sets in {year} ({sets}): choose one with set_id",
        "cached_years_missing": "the precomputed results lack {years}",
        "no_commune_in_dataset": "no commune '{commune}' in dataset {dataset} (communes: {known}{new})",
        "new_communes_listed": "; new communes after the reorganisation: {names}",
        "commune_not_assessed": "'{commune}' is not assessed against the commune criteria sets{hint}",
        "commune_gone_in_year": "commune {commune} ({id}) ceased to exist on {date}: since then it is part of {new}, "
                                "so it has no results for {year}; the report for {year} is that of {new}",
        "no_province_communes": "no commune of {province} province was scored in {year} (its communes were scored "
                                "in: {years})",
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
        "needs_text_list": "needs a list of lines of text, for example {field}: [\"…\", \"…\"]",
        "needs_date": "needs a date as YYYY-MM-DD, for example {field}: 2025-06-30",
        "entry_no_sets": "dataset.yaml names no criteria set for {year}",
        "entry_none_assessed": "no commune is assessed: {names} are not assessed (assessed = false in "
                               "communes.csv)",
        "needs_dask": "needs the dask[distributed] package: pip install 'ntmlib[dask]'",
        "not_ours": "an existing file that 'ntm reports' did not write would be overwritten: choose another folder "
                    "for --out, or add --force to overwrite it",
        "pdf_asked": "PDF",
        "no_pdf_engine": "printing to PDF needs the Chromium browser (none of {names} was found): install Chromium "
                         "(Debian, Ubuntu: apt install chromium; Windows: Google Chrome), or set NTM_CHROMIUM to the "
                         "path of the browser's executable",
        "pdf_failed": "Chromium could not print {page} to PDF (exit code {code}): {reason}",
        "kernel_start": "could not start the kernel after {n} attempts: {reason}",
        "no_crosswalk": "dataset {name} has no {file}",
        # importing a criteria-set workbook (ntmlib.office.criteria_import)
        "import_sheet_place": "sheet '{sheet}'",
        "import_bad_id": "the id '{id}' may hold only lower-case letters without accents, digits and hyphens (for "
                         "example hanam-2024-ntm)",
        "import_out_name": "the file name must be the criteria set's id: {id}.yaml",
        "import_needs_out": "the .yaml file to write is needed (out=DATASET/frameworks/ID.yaml)",
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


class TierWord(str):
    """A tier's name inside a message: Vietnamese as a string, `worded(lang)` in `lang` (any tier
    a set declares, not only those of the catalogue)."""

    def __new__(cls, tier: str):
        self = super().__new__(cls, tier_name(tier))
        self.tier = tier
        return self

    def __getnewargs__(self):
        return (self.tier,)

    def worded(self, lang: str = "vi") -> str:
        return tier_name(self.tier, lang)


def worded(text, lang: str = "vi") -> str:
    """`text` in `lang` when it is a message of ERROR_TEXT (or a tier's name), else as it is."""
    return text.worded(lang) if isinstance(text, (Message, TierWord)) else str(text)
