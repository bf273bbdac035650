"""The words of the office documents, always in Vietnamese where the document is: the Word
bulletin and the scored workbook's print set-up, the criteria-set workbook and the communes'
data-entry workbook."""
from __future__ import annotations

DOCUMENT_LABELS = {
    # The printed documents: the Word bulletin (heading block and sections of Nghị định
    # 30/2020/NĐ-CP) and the print set-up of the scored workbook.
    "vi": {
        "country": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "motto": "Độc lập - Tự do - Hạnh phúc",
        "place_date": "{place}, {date}",
        # NĐ 30/2020/NĐ-CP, Phụ lục I: a zero before days below 10 and before months 1 and 2
        "date": "ngày {day} tháng {month} năm {year}",
        "section_1": "1. Về công tác chỉ đạo, điều hành",
        "shortcomings": "Tồn tại, hạn chế",
        "placeholder_shortcomings": "[Phần này do cơ quan soạn thảo điền: những tồn tại, hạn chế năm {year}.]",
        "tasks": "Nhiệm vụ, giải pháp năm {next}",
        "placeholder_tasks": "[Phần này do cơ quan soạn thảo điền: nhiệm vụ, giải pháp năm {next}.]",
        "recipients": "Nơi nhận:", "archive": "Lưu: VT.",
        "placeholder_recipients": "[Nơi nhận]", "placeholder_signer_title": "[CHỨC VỤ NGƯỜI KÝ]",
        "placeholder_signer_name": "[Họ và tên]",
        "body_ended": "Cảnh báo: {body} không còn từ {end} (ngày ban hành {date}); ghi --date một ngày khi cơ quan "
                      "còn hoạt động, hoặc sửa parent_body, issuing_body trong dataset.yaml.",
        "placeholder_1": ("[Phần này do cơ quan soạn thảo điền: kết quả công tác chỉ đạo, điều hành xây dựng nông "
                          "thôn mới năm {year}.]"),
        "section_2": "2. Kết quả thực hiện năm {year}", "section_2_plain": "2. Kết quả thực hiện",
        "summary": "Bảng tổng hợp", "author": "ntmlib",
        "summary_note": "Số tiêu chí · số chỉ tiêu đạt theo từng bộ tiêu chí.",
        "results_sheet": "Kết quả chấm điểm theo {set}", "indicators_sheet": "Kết quả từng chỉ tiêu theo {set}",
        "indicators_title": "Chỉ tiêu {title}", "legend": "Chú thích",
        "legend_title": "Kết quả chấm điểm xã nông thôn mới", "years": "năm {years}",
        "page_of": "Trang &P / &N",
        # a set's name shortened for a sheet title (at most 31 characters)
        "shortenings": (("Bộ tiêu chí ", ""), ("xã nông thôn mới", "NTM"), ("nông thôn mới", "NTM"),
                        ("giai đoạn ", ""), (" - ", "-"), (" – ", "-")),
    },
    "en": {
        "country": "SOCIALIST REPUBLIC OF VIETNAM", "motto": "Independence - Freedom - Happiness",
        "place_date": "{place}, {date}",
        "date": "{day} {month} {year}",
        "section_1": "1. Direction and management",
        "shortcomings": "Shortcomings",
        "placeholder_shortcomings": "[To be written by the issuing office: the shortcomings of {year}.]",
        "tasks": "Tasks and measures for {next}",
        "placeholder_tasks": "[To be written by the issuing office: tasks and measures for {next}.]",
        "recipients": "Recipients:", "archive": "Archive: VT.",
        "placeholder_recipients": "[Recipients]", "placeholder_signer_title": "[TITLE OF THE SIGNER]",
        "placeholder_signer_name": "[Full name]",
        "body_ended": "Warning: {body} no longer exists from {end} (date of issue {date}); give --date a day when "
                      "the body still existed, or correct parent_body, issuing_body in dataset.yaml.",
        "placeholder_1": "[To be written by the issuing office: direction and management of the programme in {year}.]",
        "section_2": "2. Results in {year}", "section_2_plain": "2. Results",
        "summary": "Summary table", "author": "ntmlib",
        "summary_note": "Criteria · indicators met in each criteria set.",
        "results_sheet": "Scores by {set}", "indicators_sheet": "Indicator results by {set}",
        "indicators_title": "Indicators {title}", "legend": "Legend",
        "legend_title": "New Rural Development scores", "years": "{years}",
        "page_of": "Page &P / &N",
        "shortenings": (("criteria set for ", ""), ("criteria for ", ""), (" - ", "-")),
    },
}


FRAMEWORK_EXCEL_WORDS = {  # the criteria-set workbook (ntmlib.office.criteria_workbook): sheets, notes
    "sheet": "Chỉ tiêu", "info_sheet": "Thông tin", "notes_sheet": "Hướng dẫn",
    "title": "Bộ tiêu chí {id}: {name}",
    "subtitle": "Mỗi dòng một chỉ tiêu. Sửa ngưỡng ở các cột màu vàng (một cột mỗi vùng, năm hoặc nhóm xã); "
                "xem trang 'Hướng dẫn'.",
    "all": "Mọi xã", "other_region": "Vùng khác", "other_year": "năm khác", "other_group": "Nhóm khác",
    "info_title": "Thông tin bộ tiêu chí",
    "regions_title": "Các vùng và nhóm xã (mã dùng ở tiêu đề cột ngưỡng)",
    "bad_title": "Giá trị không hợp lệ",
    "bad_rule": "Chọn một quy tắc trong danh sách: ≥, ≤, Đạt, Không có.",
    "bad_mark": "Chọn một mức trong danh sách: xác nhận, suy ra, tạm tính.",
    "bad_number": "Ngưỡng là một số không âm (ví dụ 95 hoặc 62,5).",
    "notes": [
        "Hướng dẫn điền bảng bộ tiêu chí",
        "1. Trang '{sheet}' có một dòng cho mỗi chỉ tiêu: tiêu chí, mã chỉ tiêu, tên, đơn vị, quy tắc, các cột "
        "ngưỡng, mức chắc chắn và nguồn.",
        "2. Quy tắc (chọn trong danh sách): '≥' đạt khi giá trị không thấp hơn ngưỡng; '≤' đạt khi không cao hơn "
        "ngưỡng; 'Đạt' là chỉ tiêu đạt/chưa đạt; 'Không có' đạt khi không còn trường hợp nào (ví dụ nhà tạm).",
        "3. Cột ngưỡng: '{all}' là một ngưỡng chung cho mọi xã; cột mang mã vùng (DBSH, TDMNPB, …) là ngưỡng "
        "của vùng đó; cột 'DBSH 2024' là ngưỡng của vùng trong năm đó; 'Năm 2024' là ngưỡng chung của năm đó; "
        "'Nhóm 1' là ngưỡng của nhóm xã. Mỗi chỉ tiêu chỉ điền một loại cột. Để trống ô của vùng hoặc năm "
        "chưa có ngưỡng (không ghi 0). Có thể thêm cột cùng cách đặt tên, ví dụ 'DBSH 2025'.",
        "4. Mức chắc chắn (chọn trong danh sách): 'xác nhận' khi ngưỡng lấy đúng từ văn bản; 'suy ra' khi tính "
        "từ văn bản theo một quy tắc ghi trong nguồn; 'tạm tính' khi chưa đối chiếu. Khi nhập vào ntmlib với số "
        "quyết định, mọi chỉ tiêu có quy tắc hoặc ngưỡng được sửa được ghi 'xác nhận', với nguồn là quyết định của "
        "tỉnh; nhập thử (--provisional) hoặc chưa có quyết định thì được ghi 'tạm tính'.",
        "5. Nguồn: văn bản, điều, phụ lục của ngưỡng, địa chỉ trang công khai. Để trống thì ghi số quyết định "
        "khi nhập.",
        "6. Thêm chỉ tiêu: thêm một dòng với mã tiêu chí có sẵn và mã chỉ tiêu mới. Bỏ chỉ tiêu: xoá cả dòng.",
        "7. Trang 'Thông tin': tên bộ tiêu chí, hạng, giai đoạn và cơ quan ban hành của bộ mới.",
        "8. Nhập vào ntmlib: ntm frameworks import bo-tieu-chi.xlsx --id MÃ --extends BỘ_GỐC "
        "--decision \"Số/QĐ-UBND ngày d/m/yyyy\" --out DỮ_LIỆU/frameworks/MÃ.yaml",
    ],
    "source": "{decision}",
    "source_note": "nhập từ bảng Excel {file}",
    "source_trial": "nhập thử, chưa phải quyết định chính thức: {decision}",
    "source_note_trial": "nhập thử từ bảng Excel {file} (tạm tính, chưa phải quyết định chính thức; dự thảo: "
                         "{decision})",
    "rule_word": "quy tắc",
    "kept_source": "các giá trị khác giữ nguyên theo nguồn cũ",
    "bad_tier_list": "Chọn một hạng trong danh sách: NTM, NTM nâng cao, NTM kiểu mẫu.",
}


FRAMEWORK_EXCEL_DERIVED_WORDS = {  # the criteria-set workbook: a threshold given as a rule (threshold: {derived: …})
    "column": "Ngưỡng suy ra",
    "rule_text": "{factor} × ngưỡng chỉ tiêu {indicator} của bộ {set}",
    "source_word": "ngưỡng suy ra",
    "note": "9. Cột 'Ngưỡng suy ra': ngưỡng tính từ ngưỡng của một chỉ tiêu ở bộ khác, cùng vùng, cùng năm, ghi "
            "dạng '1,1 × ngưỡng chỉ tiêu 10 của bộ hanam-2022-nang-cao' (thu nhập xã kiểu mẫu cao hơn 10% mức "
            "nâng cao). Các ô ngưỡng chữ nghiêng nền xám của dòng đó là giá trị tính ra, chỉ để đọc: sửa hệ số "
            "hoặc bộ ngay trong ô quy tắc. Muốn dùng số của quyết định thay cho quy tắc: xoá ô 'Ngưỡng suy ra' "
            "rồi gõ số vào các ô ngưỡng.",
    "computed_note": "Ô ngưỡng chữ nghiêng nền xám là giá trị tính theo cột 'Ngưỡng suy ra'.",
}


ENTRY_TEMPLATE_WORDS = {  # the communes' data-entry workbook (ntmlib.office.data_entry, `ntm template`)
    "title_commune": "PHIẾU NHẬP SỐ LIỆU CÁC CHỈ TIÊU — XÃ {commune}",
    "title_across": "BẢNG NHẬP SỐ LIỆU CÁC CHỈ TIÊU CỦA CÁC XÃ — {district}",
    "year_line": "Năm {year}",
    "instructions": "Nhập số liệu vào các ô trắng của cột mang tên xã. Để trống ô chưa có số liệu (không ghi 0). "
                    "Chỉ tiêu Đạt/Chưa đạt: chọn trong danh sách; tỷ lệ %: ghi số từ 0 đến 100 (95 nghĩa là 95 %). "
                    "Cột xám là số liệu năm trước, chỉ để tham khảo; các cột nhãn đã khoá. Một số liệu dùng cho "
                    "nhiều hạng chỉ nhập một lần, ở dòng đầu tiên có nó; các dòng sau ghi 'đã nhập ở dòng …'.",
    # (the instructions name no set nor tier's full name: the reader would take a title naming one for the sheet's set)
    "set": "Bộ tiêu chí", "code": "Mã chỉ tiêu", "name": "Tên chỉ tiêu", "unit": "Đơn vị", "threshold": "Ngưỡng",
    "previous": "Năm {year} (tham khảo)", "previous_across": "{commune}: năm {year} (tham khảo)",
    "section": "{tier}: {name}", "criterion": "Tiêu chí {code}. {name}",
    "no_threshold": "chưa có ngưỡng năm {year}",
    "shared": "{name} (một số liệu cho: {sets})",
    "asked_above": "{name} — đã nhập ở dòng {row} ({set} {code})",
    "bad_title": "Giá trị không hợp lệ", "prompt_title": "Chọn kết quả",
    "prompt_yes_no": "Chọn Đạt hoặc Chưa đạt; để trống nếu chưa đánh giá.",
    "bad_yes_no": "Chọn Đạt hoặc Chưa đạt trong danh sách.",
    "bad_percent": "Tỷ lệ là một số từ 0 đến 100 (ví dụ 95 hoặc 62,5).",
    "bad_number": "Ghi một số không âm (ví dụ 62,5).",
}
