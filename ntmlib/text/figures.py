"""The words of the figures: plots, the HTML criteria grid and heatmap, the history figure and
the maps."""
from __future__ import annotations

HISTORY_FIGURE_LABELS = {
    "vi": {"title": "Các xã tiền thân của xã {name}",
           "sub": "Màu: hạng đạt theo kết quả chấm; số: tiêu chí · chỉ tiêu đạt",
           "none": "Chưa đạt NTM", "not_assessed": "Không đánh giá", "recognised": "công nhận: {tier}"},
    "en": {"title": "Predecessors of {name} commune",
           "sub": "Colour: tier reached by the scoring; numbers: criteria · indicators met",
           "none": "Not NTM", "not_assessed": "Not assessed", "recognised": "recognised: {tier}"},
}


PLOT_LABELS = {
    "vi": {
        "place": "xã {name}",
        "grid_title": "Kết quả các tiêu chí {tier} — {place}, năm {year}",
        "heat_title": "Kết quả các tiêu chí {tier} theo xã, năm {year}",
        "dist_title": "Số xã theo số tiêu chí {tier} đạt, năm {year}",
        "groups_title": "Chỉ tiêu {tier} chưa đạt theo nhóm tiêu chí, năm {year}",
        "ready_title": "Xã phấn đấu đạt chuẩn {tier}: số tiêu chí còn thiếu, năm {year}",
        "tiers_title": "Số xã theo hạng nông thôn mới, năm {year}",
        "achieved": "Đạt {counts}",
        "gained": "đạt mới so với năm {year}",
        "lost": "không còn đạt so với năm {year}",
        "cell_note": "Số trong ô: số chỉ tiêu đạt; (n) dưới mã tiêu chí: số chỉ tiêu của tiêu chí",
        "met_column": "Đạt",
        "criteria_met": "Số tiêu chí đạt",
        "communes": "Số xã",
        "dist_sub": "{n} xã được chấm; {full} xã đạt đủ {total}/{total} tiêu chí",
        "dist_no_data": "; {k} xã chưa có số liệu (không tính)",
        "failed_axis": "Số chỉ tiêu chưa đạt (cộng dồn các xã)",
        "failed_note": "{failed} · {communes} xã",
        "groups_sub": "{n} xã; chỉ tiêu chưa có số liệu không tính là chưa đạt",
        "none_failed": "Không có chỉ tiêu nào chưa đạt",
        "missing_axis": "Số tiêu chí còn thiếu",
        "ready_axis": "Số tiêu chí còn thiếu, kể cả của hạng phải đạt trước",
        "ready_sub": ("Xã chưa được công nhận {tier}, xếp theo số tiêu chí còn thiếu (của bộ này và của hạng phải "
                      "đạt trước),\nrồi số chỉ tiêu còn thiếu. Nhãn: tiêu chí đạt · chỉ tiêu đạt của bộ {tier}"),
        "all_met": " — đạt đủ tiêu chí",
        "no_candidates": "Mọi xã đã được công nhận {tier}",
        "reached": "Đạt theo kết quả chấm năm {year}",
        "recognised": "Đã có quyết định công nhận",
        "tiers_axis": "Số xã (hạng này trở lên)",
        "tiers_sub": "{n} xã; mỗi cột đếm các xã đạt hạng đó trở lên",
        "total_line": "Tổng số xã: {n}",
        "roadmap_title": "Lộ trình lên {tier}: chỉ tiêu nhiều xã còn thiếu, năm {year}",
        "roadmap_sub": "{n} xã chưa được công nhận {tier} (gồm cả chỉ tiêu NTM còn thiếu)\n"
                       "Thanh: số xã cần cải thiện chỉ tiêu; nhãn: số xã · khoảng còn thiếu",
        "roadmap_axis": "Số xã cần cải thiện",
        "roadmap_yes": "chưa đạt",
        "points": "điểm %",
        "trend_title": "Xu hướng các chỉ tiêu {tier}, {y0}–{y1}",
        "trend_sub": "Số xã theo chiều thay đổi giữa hai năm gần nhất có số liệu\n"
                     "{n} chỉ tiêu có nhiều xã giảm sút nhất, rồi nhiều xã tiến bộ nhất",
        "trend_axis": "Số xã",
        "improving": "↑ tiến bộ", "stagnant": "→ không đổi", "worsening": "↓ giảm sút", "no_data": "· không đủ số liệu",
        "no_trend": "Chưa có hai năm số liệu để so sánh",
    },
    "en": {
        "place": "{name}",
        "grid_title": "{Tier} criteria — {place}, {year}",
        "heat_title": "{Tier} criteria by commune, {year}",
        "dist_title": "Communes by number of {tier} criteria met, {year}",
        "groups_title": "Failed {tier} indicators by criteria group, {year}",
        "ready_title": "Candidates for {tier}: criteria still missing, {year}",
        "tiers_title": "Communes by NTM tier, {year}",
        "achieved": "Meets {counts}",
        "gained": "newly met since {year}",
        "lost": "no longer met since {year}",
        "cell_note": "Number in a cell: indicators met; (n) under the code: indicators in the criterion",
        "met_column": "Met",
        "criteria_met": "Criteria met",
        "communes": "Communes",
        "dist_sub": "{n} communes scored; {full} meet all {total} criteria",
        "dist_no_data": "; {k} without data (not counted)",
        "failed_axis": "Failed indicators (summed over communes)",
        "failed_note": "{failed} · {communes} communes",
        "groups_sub": "{n} communes; indicators without data are not counted as failed",
        "none_failed": "No failed indicators",
        "missing_axis": "Criteria missing",
        "ready_axis": "Criteria missing, including those of the tier required first",
        "ready_sub": ("Communes not yet recognised as {tier}, ranked by criteria missing (in this set and in the "
                      "tier required first),\nthen indicators missing. Label: criteria met · indicators met in {tier}"),
        "all_met": " — all criteria met",
        "no_candidates": "Every commune is already recognised as {tier}",
        "reached": "Reached by the {year} scoring",
        "recognised": "Recognised by decision",
        "tiers_axis": "Communes (this tier or higher)",
        "tiers_sub": "{n} communes; each bar counts communes at that tier or higher",
        "total_line": "All communes: {n}",
        "roadmap_title": "Road to {tier}: indicators most communes still miss, {year}",
        "roadmap_sub": "{n} communes not yet recognised as {tier} (including missing NTM indicators)\n"
                       "Bars: communes that must improve the indicator; label: communes · range of the gaps",
        "roadmap_axis": "Communes that must improve",
        "roadmap_yes": "not met",
        "points": "pp",
        "trend_title": "Trends of {tier} indicators, {y0}–{y1}",
        "trend_sub": "Communes by direction between the last two years with data\n"
                     "The {n} indicators with most communes worsening, then improving",
        "trend_axis": "Communes",
        "improving": "↑ improving", "stagnant": "→ stagnant", "worsening": "↓ worsening", "no_data": "· no data",
        "no_trend": "No two years of data to compare",
    },
}


GRID_LABELS = {  # the HTML criteria grid and heatmap (ntmlib.present.grids); titles and legends come from PLOT_LABELS
    "vi": {"tiles": "Các tiêu chí", "legend": "Chú giải", "commune": "Xã",
           "cell": "{commune} — tiêu chí {code}, {name}: {state}, {indicators}",
           "column": "Tiêu chí {code}: {name} ({n} chỉ tiêu)",
           "scroll_hint": "← vuốt ngang để xem hết →",
           "table": "Bảng xã × tiêu chí, cuộn ngang được"},
    "en": {"tiles": "Criteria", "legend": "Legend", "commune": "Commune",
           "cell": "{commune} — criterion {code}, {name}: {state}, {indicators}",
           "column": "Criterion {code}: {name} ({n} indicators)",
           "scroll_hint": "← swipe sideways to see all →",
           "table": "Communes × criteria table, scrolls sideways"},
}


MAP_LABELS = {  # ntmlib.present.maps: the maps of communes in the district and commune reports
    "vi": {
        "legend": "Tình trạng theo kết quả chấm", "tier": "{tier}: {state}",
        "not_assessed": "Không chấm (thị trấn, phường)",
        "no_coordinates": "Không có tọa độ, không vẽ: {names}",
        "district_title": "Các xã huyện {district} năm {year}",
        "commune_title": "Vị trí xã {commune} trong huyện {district}",
        "commune_in_province_title": "Vị trí xã {commune} trong tỉnh {province}",
        "new_title": "Xã {commune} (từ {date}) và các xã tiền thân",
        "caption": "Mỗi xã một điểm tại tọa độ chính thức (nguồn: {sources}); đường viền: bao lồi các khung "
                   "ranh giới xã, chỉ gần đúng. Màu và hình: tình trạng theo kết quả chấm năm {year} (hạng cao nhất "
                   "đạt; hình rỗng: đạt theo kết quả, chưa công nhận).",
        "caption_new": "Đường đứt: phạm vi gần đúng (bao lồi) của các xã tiền thân hợp thành xã {commune}.",
        "no_map": "Không vẽ được bản đồ: không xã nào có tọa độ (thêm cột lat, lon vào communes.csv hoặc cài "
                  "gói vietnamadminunits).",
        "groups_title": "Các xã huyện {district} hợp thành {n} xã mới từ {date}",
        "caption_groups": "Mỗi màu, mỗi hình là một xã mới (theo crosswalk.csv); vùng tô: bao lồi các điểm của "
                          "các xã cũ hợp thành, chỉ để nhóm các điểm, không phải ranh giới.",
        "groups_legend": "Xã mới (số xã cũ)",
        "province_title": "Các xã tỉnh {province} năm {year}",
        "key": "Số trên bản đồ — tên xã",
        "named_some": "Bản đồ có {total} xã; chỉ ghi tên {n} xã gần đạt chuẩn hoặc chưa duy trì (xem các bảng "
                      "dưới đây) để tên không chồng lên nhau.",
    },
    "en": {
        "legend": "State by the scoring", "tier": "{tier}: {state}",
        "not_assessed": "Not scored (towns, wards)",
        "no_coordinates": "No coordinates, not drawn: {names}",
        "district_title": "Communes of {district} district, {year}",
        "commune_title": "Where {commune} lies in {district} district",
        "commune_in_province_title": "Where {commune} lies in {province} province",
        "new_title": "{commune} commune (from {date}) and its predecessors",
        "caption": "One point per commune at its official coordinates (source: {sources}); outline: the convex "
                   "hull of the communes' bounding boxes, approximate. Colour and shape: the state by the scoring in "
                   "{year} (the highest tier reached; hollow: met by the results, not yet recognised).",
        "caption_new": "Dashed: the approximate extent (convex hull) of the predecessors that formed {commune}.",
        "no_map": "No map: no commune has coordinates (add lat, lon columns to communes.csv or install the "
                  "vietnamadminunits package).",
        "groups_title": "The communes of {district} district joined into {n} new communes from {date}",
        "caption_groups": "Each colour and shape is one new commune (by crosswalk.csv); shaded: the convex hull "
                          "of its old communes' points, to group them, not a boundary.",
        "groups_legend": "New commune (old communes)",
        "province_title": "Communes of {province} province, {year}",
        "key": "Numbers on the map — communes",
        "named_some": "The map has {total} communes; only the {n} nearest to the standard or lapsed are named (see "
                      "the tables below), so that the names do not overlap.",
    },
}
