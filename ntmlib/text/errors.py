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
