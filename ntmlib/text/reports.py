"""The words of the reports: labels, headings, the reorganisation of communes, the roadmap,
the what-if, trends, steps, the exported pages and the explorer of JupyterLab."""
from __future__ import annotations

REPORT_LABELS = {
    "vi": {
        "commune": "Xã", "district": "Huyện", "province": "Tỉnh", "year": "Năm", "region": "Vùng",
        "sets": "Bộ tiêu chí", "reached": "Đạt theo kết quả", "not_reached": "Chưa đạt", "recognised": "đã công nhận",
        "indicator": "Chỉ tiêu", "name": "Tên chỉ tiêu", "value": "Giá trị", "threshold": "Ngưỡng",
        "gap": "Chênh lệch", "result": "Kết quả", "criterion": "Tiêu chí", "gained": "Tiêu chí đạt thêm",
        "lost": "Tiêu chí không còn đạt", "none": "không có", "version": "Phiên bản ntmlib",
        "sha256": "SHA-256 của tệp", "years_scored": "Các năm đã chấm", "ran": "Thời điểm chấm (giờ Việt Nam)",
        "prev": "So với năm",
        "no_prev": "Không có số liệu năm trước để so sánh.", "rank": "Hạng", "missing": "Chỉ tiêu còn thiếu",
        "criteria_missing": "Số tiêu chí còn thiếu", "indicators_missing": "Số chỉ tiêu còn thiếu",
        "communes": "Số xã", "reaching": "Số xã đạt", "recognised_n": "Số xã đã công nhận",
        "mean": "Bình quân tiêu chí/xã", "crange": "Khoảng tiêu chí", "irange": "Khoảng chỉ tiêu",
        "failing": "Chỉ tiêu chưa đạt", "tier": "Hạng", "tier_reached": "Hạng đạt theo kết quả",
    },
    "en": {
        "commune": "Commune", "district": "District", "province": "Province", "year": "Year", "region": "Region",
        "sets": "Criteria sets", "reached": "Reached by results", "not_reached": "Not reached",
        "recognised": "recognised", "indicator": "Indicator", "name": "Indicator name", "value": "Value",
        "threshold": "Threshold", "gap": "Gap", "result": "Result", "criterion": "Criterion",
        "gained": "Criteria gained", "lost": "Criteria lost", "none": "none", "version": "ntmlib version",
        "sha256": "SHA-256 of", "years_scored": "Years scored", "ran": "Scored at (Vietnam time)",
        "prev": "Compared with",
        "no_prev": "No previous year to compare with.", "rank": "Rank", "missing": "Missing (codes)",
        "criteria_missing": "Criteria missing", "indicators_missing": "Indicators missing",
        "communes": "Communes", "reaching": "Reaching", "recognised_n": "Recognised",
        "mean": "Mean criteria per commune", "crange": "Criteria range", "irange": "Indicator range",
        "failing": "Failing indicators", "tier": "Tier", "tier_reached": "Tier reached",
    },
}


REORG_LABELS = {
    "vi": {"code": "Mã xã", "key": "Mã tham chiếu", "effective": "Thành lập từ ngày", "predecessors": "Xã tiền thân",
           "predecessor": "Xã tiền thân", "tier_reached": "Hạng đạt theo kết quả",
           "tier_recognised": "Hạng đã công nhận",
           "recognitions": "Công nhận đến năm đó", "not_assessed": "không đánh giá", "n": "Số xã tiền thân",
           "assessed": "Số xã được đánh giá", "reaching": "Số xã đạt theo kết quả", "recognised": "Số xã đã công nhận",
           "crange": "Khoảng tiêu chí", "irange": "Khoảng chỉ tiêu", "new_commune": "Xã mới", "from": "Từ ngày",
           "unit": "xã {name}", "typed_unit": "{lower}"},
    "en": {"code": "Code", "key": "Reference", "effective": "Formed on", "predecessors": "Predecessors",
           "predecessor": "Predecessor", "tier_reached": "Tier reached", "tier_recognised": "Tier recognised",
           "recognitions": "Recognitions by that year", "not_assessed": "not assessed", "n": "Predecessors",
           "assessed": "Assessed", "reaching": "Reaching by results", "recognised": "Recognised",
           "crange": "Criteria range", "irange": "Indicator range", "new_commune": "Commune", "from": "From",
           "unit": "{name}", "typed_unit": "{name}"},
}


FORMATION_TEXT = {
    "vi": {"formed": "{Kind} {name} (mã {code}, tỉnh {province}) được thành lập từ ngày {when} trên cơ sở {names} "
                     "({places}).",
           "place": "huyện {}, tỉnh {}",
           "before": "Kết quả năm {span} dưới đây là của các xã tiền thân, trước khi sắp xếp."},
    "en": {"formed": "{name} commune (code {code}, {province} province) was formed on {when} from {names} ({places}).",
           "place": "{} district, {} province",
           "before": "The results of {span} below are those of its predecessors, before the reorganisation."},
}


HEADINGS = {
    "vi": {"commune_title": "Báo cáo kết quả xây dựng nông thôn mới — Xã {name}, năm {year}",
           "district_title": "Báo cáo tổng hợp nông thôn mới — Huyện {name}, năm {year}",
           "summary": "Kết quả theo từng bộ tiêu chí", "steps": "Việc cần làm", "grid": "Các tiêu chí",
           "unmet": "Chỉ tiêu chưa đạt",
           "changes": "Thay đổi so với năm trước", "provenance": "Nguồn gốc báo cáo",
           "status": "Tình hình chung", "communes": "Kết quả từng xã", "heatmap": "Bản đồ nhiệt xã × tiêu chí",
           "distribution": "Phân bố số tiêu chí đạt", "groups": "Nhóm tiêu chí chưa đạt nhiều nhất",
           "alerts": "Cảnh báo duy trì: xã đã công nhận nhưng chưa đạt lại", "readiness":
           "Mức độ sẵn sàng đăng ký nông thôn mới nâng cao", "bulletin": "Nội dung bản tin",
           "roadmap": "Lộ trình lên NTM nâng cao", "trends": "Xu hướng", "whatif": "Giả định ngưỡng",
           "none": "Không có.", "formed": "Hình thành xã", "history": "Kết quả của các xã tiền thân",
           "regroup": "Các xã tiền thân theo hạng", "map": "Bản đồ các xã", "position": "Vị trí trên bản đồ",
           "province_title": "Báo cáo tổng hợp nông thôn mới — Tỉnh {name}, năm {year}",
           "p_verdict": "Kết quả toàn tỉnh", "p_states": "Số xã theo tình trạng và nhóm xã",
           "p_criteria": "Số xã đạt từng tiêu chí", "p_bands": "Số xã theo số tiêu chí đạt",
           "p_targets": "Tiến độ so với mục tiêu", "p_map": "Bản đồ các xã của tỉnh",
           "p_nearest": "Xã gần đạt chuẩn và chỉ tiêu còn thiếu",
           "p_lapsed": "Xã đã công nhận nhưng chưa duy trì", "p_districts": "Kết quả từng huyện",
           "p_origins": "Xã mới và kết quả cuối cùng của các xã tiền thân"},
    "en": {"commune_title": "New Rural Development results — {name} commune, {year}",
           "district_title": "New Rural Development summary — {name} district, {year}",
           "summary": "Results by criteria set", "steps": "What to do next", "grid": "Criteria",
           "unmet": "Indicators not met",
           "changes": "Change since the previous year", "provenance": "Provenance", "status": "Overview",
           "communes": "Results by commune", "heatmap": "Communes × criteria", "distribution":
           "Distribution of criteria met", "groups": "Most-failed criteria groups",
           "alerts": "Maintenance alerts: recognised communes no longer meeting their set",
           "readiness": "Readiness for advanced NTM", "bulletin": "Bulletin text", "none": "None.",
           "roadmap": "Road to advanced NTM", "trends": "Trends", "whatif": "Threshold what-if",
           "formed": "How the commune was formed", "history": "Results of the predecessor communes",
           "regroup": "Predecessors by tier", "map": "Map of the communes", "position": "On the map",
           "province_title": "New Rural Development summary — {name} province, {year}",
           "p_verdict": "The province as a whole", "p_states": "Communes by state and commune group",
           "p_criteria": "Communes meeting each criterion", "p_bands": "Communes by criteria met",
           "p_targets": "Progress towards the targets", "p_map": "Map of the province's communes",
           "p_nearest": "Communes nearest to the standard and what they miss",
           "p_lapsed": "Recognised communes no longer meeting their tier", "p_districts": "Results by district",
           "p_origins": "New communes and their predecessors' last results"},
}


EXPORT_LABELS = {
    "vi": {"title": "Báo cáo nông thôn mới", "index": "← Danh sách báo cáo", "chart": "Biểu đồ",
           "page": "Trang {page} / {pages}"},
    "en": {"title": "New Rural Development report", "index": "← All reports", "chart": "Chart",
           "page": "Page {page} / {pages}"},
}

STEP_HEADERS = {
    "vi": {"indicator": "Chỉ tiêu", "value": "Giá trị", "threshold": "Ngưỡng", "gap": "Còn thiếu",
           "trend": "Xu hướng gần đây", "projected": "Năm dự kiến đạt"},
    "en": {"indicator": "Indicator", "value": "Value", "threshold": "Threshold", "gap": "Gap",
           "trend": "Recent trend", "projected": "Projected year"},
}


ROADMAP_TEXT = {
    "vi": {
        # district totals, one sentence per indicator
        "raise": "{n} xã cần nâng {name} thêm {amount} {unit}", "lower": "{n} xã cần giảm {name} thêm {amount} {unit}",
        "points": "điểm %", "absent": "{n} xã cần xóa hết: {name}", "yes": "{n} xã cần đạt: {name}",
        "no_data": "{n} xã chưa có số liệu", "no_data_about": " về {name}", "which": " (chỉ tiêu {code}, {tier})",
        "pace": "; theo tốc độ gần đây {closes} xã đạt trước năm {by}, {more} xã cần nỗ lực thêm",
        # the roadmap as text (ntm roadmap)
        "title": "Lộ trình lên {tier} — năm {year}", "title_by": ", mục tiêu năm {by}",
        "all_done": "Mọi xã đã được công nhận {tier} hoặc đã đạt đủ các chỉ tiêu.",
        "count": "{n} xã chưa được công nhận {tier}, xếp theo mức sẵn sàng (thiếu ít nhất trước).",
        "commune": "{rank}. {commune} — còn thiếu {criteria} tiêu chí, {indicators} chỉ tiêu{pre}",
        "prerequisite": " (trong đó {tier}: {criteria} tiêu chí, {indicators} chỉ tiêu)",
        "tier": "Hạng", "code": "Mã", "indicator": "Chỉ tiêu", "value": "Giá trị", "threshold": "Ngưỡng",
        "gap": "Còn thiếu", "by": "Đến {by}", "no_value": "chưa có số liệu", "covered": "theo {code} ({tier})",
        "totals": "Tổng hợp:",
        "closes": "đạt trước năm {by} nếu giữ tốc độ", "needs_more": "cần thêm {extra}",
        "no_trend": "chưa có xu hướng",
    },
    "en": {
        "raise": "{n} communes must raise {name} by {amount} {unit}",
        "lower": "{n} communes must lower {name} by {amount} {unit}",
        "points": "percentage points", "absent": "{n} communes must eliminate: {name}",
        "yes": "{n} communes must meet: {name}", "no_data": "no data for {n} communes", "no_data_about": " ({name})",
        "which": " (indicator {code}, {tier})",
        "pace": "; at the recent rate {closes} close the gap by {by}, {more} need more",
        "title": "Road to {tier} — {year}", "title_by": ", target year {by}",
        "all_done": "Every commune is already recognised as {tier} or meets all its indicators.",
        "count": "{n} communes not yet recognised as {tier}, ranked by readiness (fewest missing first).",
        "commune": "{rank}. {commune} — missing {criteria} criteria, {indicators} indicators{pre}",
        "prerequisite": " (of which {tier}: {criteria} criteria, {indicators} indicators)",
        "tier": "Tier", "code": "Code", "indicator": "Indicator", "value": "Value", "threshold": "Threshold",
        "gap": "Missing", "by": "By {by}", "no_value": "no data", "covered": "see {code} ({tier})",
        "totals": "Summary:",
        "closes": "met before {by} at the recent rate", "needs_more": "needs {extra} more",
        "no_trend": "no trend yet",
    },
}


WHATIF_TEXT = {
    "vi": {"region": "vùng {region}", "group": "nhóm xã {group}", "all": "mọi xã",
           "assumption": "Giả định: ngưỡng chỉ tiêu {code} ({name}) của bộ {set}: {before} → {sign} {new}{unit} "
                         "({scope}).", "no_threshold": "chưa có ngưỡng",
           "no_change": "Không xã nào đổi kết quả.",
           "indicator": "Năm {year}: {n} xã chuyển sang {state} chỉ tiêu {code} ({set}): {names}.",
           "no_tier_change": "Không xã nào đổi hạng đạt được.",
           "tier": "{commune} ({year}): hạng đạt được {before} → {after}.",
           "box_title": "Giả định: ngưỡng chỉ tiêu {code} ({name}) {before} → {sign} {new}{unit}",
           "box_note": "Đây là phép thử với một ngưỡng giả định, không phải kết quả chấm: kết quả chính thức của "
                       "các xã là kết quả theo bộ tiêu chí hiện hành ở các mục trên."},
    "en": {"region": "region {region}", "group": "commune group {group}", "all": "all communes",
           "assumption": "Assumption: threshold of indicator {code} ({name}) of {set}: {before} → {sign} {new}{unit} "
                         "({scope}).", "no_threshold": "no threshold",
           "no_change": "No commune changes its results.",
           "indicator": "{year}: {state} on indicator {code} ({set}) for {n} communes: {names}.",
           "no_tier_change": "No commune changes the tier it reaches.",
           "tier": "{commune} ({year}): tier reached {before} → {after}.",
           "box_title": "Assumption: threshold of indicator {code} ({name}) {before} → {sign} {new}{unit}",
           "box_note": "This is a trial with an assumed threshold, not a result: the communes' results are those "
                       "by the criteria set in force, in the sections above."},
}
WHATIF_HEADERS = {
    "vi": ["Xã", "Năm", "Bộ tiêu chí", "Chỉ tiêu", "Giá trị", "Ngưỡng trước", "Ngưỡng sau", "Trước", "Sau"],
    "en": ["Commune", "Year", "Criteria set", "Indicator", "Value", "Threshold before", "Threshold after", "Before",
           "After"],
}


TREND_HEADERS = {
    "vi": {"set": "Bộ tiêu chí", "indicator": "Chỉ tiêu", "name": "Tên chỉ tiêu", "values": "Giá trị theo năm",
           "arrow": "Xu hướng", "rate": "Tốc độ/năm", "threshold": "Ngưỡng", "projected_year": "Năm dự kiến đạt",
           "compared_via": "So sánh"},
    "en": {"set": "Criteria set", "indicator": "Indicator", "name": "Name", "values": "Values by year",
           "arrow": "Trend", "rate": "Rate/year", "threshold": "Threshold", "projected_year": "Projected year",
           "compared_via": "Compared via"},
}


REPORT_TEXT = {
    "vi": {"no_data": "{n} chưa có số liệu",
           "successor": "Từ {when} thuộc {kind} {name}, tỉnh {province}.",
           "commune_trends": "Các chỉ tiêu chưa đạt năm {year}, chưa có số liệu hoặc giảm sút (năm dự kiến đạt tính "
                             "theo tốc độ gần đây)",
           "district_trends": "Số xã tiến bộ (↑), không đổi (→), giảm sút (↓) hoặc chưa đủ hai năm số liệu (·)",
           "one_year": "Chỉ có số liệu một năm: chưa có xu hướng.",
           "compare_rule": "Chỉ so sánh giá trị trong cùng một bộ tiêu chí, hoặc giữa các bộ có chỉ tiêu khai báo cùng "
                           "thước đo.",
           "recognised": " (công nhận)",
           "missing": "{criteria} tiêu chí · {indicators} chỉ tiêu",
           "more": "- … và {n} chỉ tiêu khác, mỗi chỉ tiêu tối đa {most} xã còn thiếu.",
           "whatif_not_scored": "Bộ tiêu chí {set} không được chấm ở đây (đã chấm: {have}); đặt tham số whatif_set là "
                                "một trong các bộ đó để xem giả định.",
           "no_data_year": "chưa có số liệu năm {year}",
           "no_data_page": "Xã {name} chưa có số liệu năm {year}: xã có trong danh sách xã (communes.csv) nhưng chưa "
                           "nhập số liệu chỉ tiêu nào của năm này, nên chưa chấm được. Báo cáo sẽ có kết quả khi có số "
                           "liệu."},
    "en": {"no_data": "{n} without data",
           "successor": "From {when} part of {name} commune, {province} province.",
           "commune_trends": "Indicators not met in {year}, without data, or getting worse (the projected year "
                             "assumes the recent rate goes on)",
           "district_trends": "Number of communes improving (↑), stagnant (→), worsening (↓) or without two years of "
                              "data (·)",
           "one_year": "Only one year scored: no trend to show.",
           "compare_rule": "Values are compared only within one criteria set, or between sets whose indicators "
                           "declare the same measure.",
           "recognised": " (recognised)",
           "missing": "{criteria} criteria · {indicators} indicators",
           "more": "- … and {n} more indicators, each missed by at most {most} communes.",
           "whatif_not_scored": "Criteria set {set} is not scored here (scored: {have}); set the parameter whatif_set "
                                "to one of them to see a what-if.",
           "no_data_year": "no data for {year}",
           "no_data_page": "{name} has no data for {year}: the commune is listed in communes.csv but no indicator "
                           "value of that year has been entered, so it cannot be scored yet. The report will show "
                           "results once the data are in."},
}


EXPLORER_LABELS = {  # the explorer of JupyterLab (ntmlib.jupyter.explorer): pickers, tabs, sentences, table headers
    "vi": {"year": "Năm", "set": "Bộ tiêu chí", "district": "Huyện", "commune": "Xã",
           "heatmap": "Bản đồ nhiệt của huyện", "grid": "Tiêu chí của xã", "unmet": "Chỉ tiêu chưa đạt",
           "steps": "Việc cần làm",
           "headline": "Xã {commune} — {district}, năm {year}", "in_district": "huyện {district}",
           "no_district": "chưa rõ huyện",
           "summary": "Xã {commune} ({district}), năm {year}, bộ {tier}: {counts}",
           "empty": "Không có xã nào được chấm",
           "unmet_lead": "Xã {commune} còn {n} chỉ tiêu của bộ {tier} chưa đạt hoặc chưa có số liệu năm {year}:",
           "unmet_none": "Xã {commune} đạt mọi chỉ tiêu của bộ {tier} năm {year}.",
           "no_communes": "Không có xã nào của {district} được chấm năm {year}.",
           "not_scored": "Xã {commune} không được chấm theo bộ {tier} năm {year}.",
           "criterion": "Tiêu chí", "indicator": "Chỉ tiêu", "name": "Tên chỉ tiêu", "value": "Giá trị",
           "threshold": "Ngưỡng", "need": "Còn cần", "result": "Kết quả", "source": "Nguồn số liệu",
           "tier": "Bộ tiêu chí"},
    "en": {"year": "Year", "set": "Criteria set", "district": "District", "commune": "Commune",
           "heatmap": "District heatmap", "grid": "Commune criteria", "unmet": "Indicators not met",
           "steps": "What to do next",
           "headline": "{commune} commune — {district}, {year}", "in_district": "{district} district",
           "no_district": "no district",
           "summary": "{commune} commune ({district}), {year}, {tier} set: {counts}",
           "empty": "No commune scored",
           "unmet_lead": "{commune} does not meet, or has no data for, {n} indicators of the {tier} set in {year}:",
           "unmet_none": "{commune} meets every indicator of the {tier} set in {year}.",
           "no_communes": "No commune of {district} was scored in {year}.",
           "not_scored": "{commune} is not scored against the {tier} set in {year}.",
           "criterion": "Criterion", "indicator": "Indicator", "name": "Indicator name", "value": "Value",
           "threshold": "Threshold", "need": "Still needed", "result": "Result", "source": "Source",
           "tier": "Criteria set"},
}


INDEX_TEXT = {  # reports/index.html (ntmlib.run.index): the page to work from
    "vi": {"title": "Báo cáo nông thôn mới", "bulletins": "Bản tin:",
           "lead": "{n} báo cáo, xếp theo năm, tỉnh, huyện rồi xã theo thứ tự chữ cái tiếng Việt. Chọn tình trạng, "
                   "huyện, nhóm xã, năm hoặc gõ tên xã để lọc; bấm \u201cmở báo cáo\u201d để xem.",
           "counts": "Số xã theo tình trạng", "year": "Năm", "all": "Tất cả", "state": "Tình trạng",
           "district": "Huyện", "group": "Nhóm xã", "search": "Tìm xã", "search_hint": "gõ tên, có dấu hay không dấu",
           "shown": "Đang hiện {n}/{total} báo cáo.", "unit": "Đơn vị", "results": "Kết quả theo bộ tiêu chí",
           "report": "Báo cáo", "open": "mở báo cáo", "error": "lỗi: {error}",
           "district_report": "Báo cáo tổng hợp huyện", "province_report": "Báo cáo tổng hợp tỉnh",
           "commune": "Xã {name}", "district_unit": "Huyện {name}", "province_unit": "Tỉnh {name}", "total": "Tổng",
           "legend": "Tình trạng của xã là của hạng cao nhất đã công nhận khi xã không còn đạt hạng đó; nếu không, "
                     "của hạng cao nhất xã đạt theo kết quả chấm; nếu không đạt hạng nào, của hạng NTM. Cột kết quả "
                     "ghi tình trạng ở từng hạng. \u201clỗi\u201d: báo cáo chưa tạo được, lý do ghi ngay tại dòng "
                     "đó; chạy lại lệnh sau khi sửa."},
    "en": {"title": "New Rural Development reports", "bulletins": "Bulletins:",
           "lead": "{n} reports, by year, province, district then commune in Vietnamese alphabetical order. "
                   "Choose a state, district, commune group or year, or type a commune's name to filter; "
                   "click \u201copen\u201d.",
           "counts": "Communes by state", "year": "Year", "all": "All", "state": "State",
           "district": "District", "group": "Commune group", "search": "Find a commune",
           "search_hint": "type a name, with or without diacritics",
           "shown": "Showing {n}/{total} reports.", "unit": "Unit", "results": "Results by criteria set",
           "report": "Report", "open": "open", "error": "error: {error}", "district_report": "District summary report",
           "province_report": "Province summary report",
           "commune": "{name} commune", "district_unit": "{name} district", "province_unit": "{name} province",
           "total": "Total",
           "legend": "A commune's state is that of its highest recognised tier when it no longer meets it; else that "
                     "of the highest tier it meets by the results; else that of NTM. The results column gives the "
                     "state at each tier. \u201cerror\u201d: the report could not be made, the reason is on its line; "
                     "run the command again once fixed."},
}

TARGET_TEXT = {  # progress against the targets of dataset.yaml (ntmlib.analysis.targets)
    "vi": {"reached": "Năm {year}: {reached}/{communes} xã đạt chuẩn {tier} theo kết quả chấm ({pct} %)",
           "gap_share": "còn {gap} xã để đạt mục tiêu {share} % năm {target_year}",
           "gap_count": "còn {gap} xã để đạt mục tiêu {count} xã năm {target_year}",
           "met_share": "đã đạt mục tiêu {share} % năm {target_year}",
           "met_count": "đã đạt mục tiêu {count} xã năm {target_year}",
           "not_scored": "Năm {year} không chấm hạng {tier}: chưa tính được tiến độ mục tiêu năm {target_year}",
           "undecided": "{n} xã chưa kết luận được (thiếu ngưỡng hoặc số liệu)"},
    "en": {"reached": "{year}: {reached}/{communes} communes meet the {tier} standard by their scores ({pct} %)",
           "gap_share": "{gap} more communes needed to reach the target of {share} % by {target_year}",
           "gap_count": "{gap} more communes needed to reach the target of {count} communes by {target_year}",
           "met_share": "the target of {share} % by {target_year} is reached",
           "met_count": "the target of {count} communes by {target_year} is reached",
           "not_scored": "{year}: the {tier} tier is not scored, so progress towards the {target_year} target cannot "
                         "be computed",
           "undecided": "{n} communes undecided (a threshold or data missing)"},
}


PROVINCE_TEXT = {  # the province report (ntmlib.present.province_report): sentences and table headers
    "vi": {"set": "Chấm theo {set}: {criteria} tiêu chí, {indicators} chỉ tiêu.",
           "group_line": "{group}: {reaching}/{communes} xã đạt chuẩn ({pct} %).",
           "group": "Nhóm xã {group}", "no_group": "Chưa phân nhóm", "total": "Toàn tỉnh",
           "criterion_line": "{met}/{communes} xã đạt tiêu chí {code}. {name}",
           "criteria_rule": "Xếp theo tỷ lệ xã đạt, cao nhất trước.",
           "bands_rule": "Không tính {n} xã chưa có số liệu.",
           "gap": "{name} {value} (yêu cầu {threshold})",
           "nearest_rule": "Các xã chưa đạt chuẩn có nhiều tiêu chí rồi nhiều chỉ tiêu đạt nhất (tối đa {limit} xã); "
                           "mỗi xã ghi tối đa {gaps} chỉ tiêu chưa đạt xa ngưỡng nhất, giá trị và yêu cầu.",
           "none_near": "Mọi xã có số liệu đều đã đạt chuẩn.",
           "none_lapsed": "Không có xã nào đã công nhận mà chưa duy trì.",
           "target_source": "Nguồn mục tiêu: {source}", "target_note": "Ghi chú: {note}",
           "origins_rule": "Kết quả năm cuối cùng trước khi sáp nhập, theo bộ tiêu chí NTM của năm đó.",
           "not_assessed": "không đánh giá", "no_result": "chưa có kết quả",
           "chart_states": "Số xã theo tình trạng, theo nhóm xã", "chart_criteria": "Số xã đạt từng tiêu chí",
           "communes_n": "{n} xã",
           "h_group": "Nhóm xã", "h_communes": "Số xã", "h_reaching": "Đạt chuẩn", "h_criterion": "Tiêu chí",
           "h_met": "Số xã đạt", "h_share": "Tỷ lệ", "h_not_met": "Chưa đạt", "h_no_threshold": "Chưa có ngưỡng",
           "h_no_data": "Chưa có số liệu", "h_band": "Số tiêu chí đạt", "h_commune": "Xã", "h_state": "Tình trạng",
           "h_result": "Kết quả", "h_gaps": "Chỉ tiêu chưa đạt xa ngưỡng nhất", "h_tier": "Hạng",
           "h_district": "Huyện", "h_new": "Xã mới", "h_predecessor": "Xã tiền thân", "h_year": "Năm",
           "h_reached": "Hạng đạt theo kết quả", "h_recognised": "Hạng đã công nhận",
           "h_recognised_n": "Đã công nhận", "h_mean": "Tiêu chí đạt bình quân", "h_range": "Tiêu chí đạt"},
    "en": {"set": "Scored against {set}: {criteria} criteria, {indicators} indicators.",
           "group_line": "{group}: {reaching}/{communes} communes meet the standard ({pct} %).",
           "group": "Commune group {group}", "no_group": "No group", "total": "Whole province",
           "criterion_line": "{met}/{communes} communes meet criterion {code}. {name}",
           "criteria_rule": "Sorted by the share of communes meeting it, highest first.",
           "bands_rule": "{n} communes without data are not counted.",
           "gap": "{name} {value} (required {threshold})",
           "nearest_rule": "The communes not meeting the standard with most criteria, then most indicators met (at "
                           "most {limit}); for each, at most {gaps} unmet indicators furthest from their threshold, "
                           "with the value and what is required.",
           "none_near": "Every commune with data meets the standard.",
           "none_lapsed": "No recognised commune has lapsed.",
           "target_source": "Source of the target: {source}", "target_note": "Note: {note}",
           "origins_rule": "The results of the last year before the merger, against that year's NTM set.",
           "not_assessed": "not assessed", "no_result": "no results",
           "chart_states": "Communes by state, by commune group", "chart_criteria": "Communes meeting each criterion",
           "communes_n": "{n} communes",
           "h_group": "Commune group", "h_communes": "Communes", "h_reaching": "Meeting the standard",
           "h_criterion": "Criterion", "h_met": "Communes meeting it", "h_share": "Share", "h_not_met": "Not met",
           "h_no_threshold": "No threshold", "h_no_data": "No data", "h_band": "Criteria met",
           "h_commune": "Commune", "h_state": "State", "h_result": "Results",
           "h_gaps": "Unmet indicators furthest from their threshold", "h_tier": "Tier", "h_district": "District",
           "h_new": "New commune", "h_predecessor": "Predecessor", "h_year": "Year",
           "h_reached": "Tier met by the results", "h_recognised": "Tier recognised",
           "h_recognised_n": "Recognised", "h_mean": "Mean criteria met", "h_range": "Criteria met"},
}
