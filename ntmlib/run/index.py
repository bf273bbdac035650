"""reports/index.html: the page that lists every report of a batch, with its status and link."""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from ..base.outputs import write_text_atomic
from ..text import counts_text, tier_name, vi_sort_key


def write_index(out: Path, entries: list[dict], card) -> Path:
    """reports/index.html: one row per report with status, counts and a link."""
    c = card.communes
    rows = []
    for e in sorted(entries, key=lambda e: (e["year"], e["kind"] != "district", vi_sort_key(e["label"]))):
        status, counts = "", ""
        if e["kind"] == "commune":
            mine = c[(c["commune_id"] == e["target"]) & (c["year"] == e["year"])]
            if len(mine):
                first = mine.iloc[0]
                status = (f"đạt {tier_name(first['tier_reached'])}" if pd.notna(first["tier_reached"])
                          else "chưa đạt hạng nào")
                status += f"; công nhận: {tier_name(first['tier_recognised'])}"
                counts = "<br>".join(html.escape(f"{tier_name(r.tier)}: " + counts_text(
                    r.criteria_met, r.criteria_total, r.indicators_met, r.indicators_total))
                    for r in mine.itertuples() if r.tier != "kieu-mau")
        else:
            status = "báo cáo tổng hợp huyện"
        html_out = next((o for o in e.get("outputs", []) if o.endswith(".html")), None)
        if e["status"] == "ok" and html_out:
            link = f'<a href="{html.escape(html_out)}">mở báo cáo</a>'
        else:
            err = e.get("error") or {}
            link = f'<span class="err">lỗi: {html.escape(str(err.get("evalue", "")))}</span>'
        label = ("Huyện " if e["kind"] == "district" else "Xã ") + e["label"]
        rows.append(f'<tr><td>{html.escape(label)}</td><td data-label="Năm">{e["year"]}</td>'
                    f'<td data-label="Tình trạng">{html.escape(status)}</td><td data-label="Kết quả">{counts}</td>'
                    f"<td>{link}</td></tr>")
    bulletins = sorted(out.glob("ban-tin-*.*"), key=lambda p: (p.stem, p.suffix != ".html"))
    extras = ("<p>Bản tin: "
              + ", ".join(f'<a href="{html.escape(p.name)}">{html.escape(p.name)}</a>' for p in bulletins)
              + "</p>\n") if bulletins else ""
    page = (f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Báo cáo nông thôn mới</title>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}
.scroll{{overflow-x:auto}}table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;
padding:.45em .6em;text-align:left;vertical-align:top}}td:last-child{{white-space:nowrap}}th{{background:#f0f3f5}}
.err{{color:#b42318}}dl.legend{{font-size:14px;color:#344054}}dl.legend dt{{font-weight:700;float:left;clear:left;
margin-right:.4em}}dl.legend dd{{margin:0 0 .2em}}@media (max-width:600px){{body{{margin:1em auto}}
thead{{display:none}}tr{{display:block;border-bottom:1px solid #ddd;padding:.4em 0}}
td{{display:block;border:0;padding:.1em .2em;font-size:14px}}td:first-child{{font-weight:700;font-size:15px}}
td[data-label]::before{{content:attr(data-label) ": ";color:#667085}}td:empty{{display:none}}}}</style></head><body>
<h1>Báo cáo nông thôn mới</h1>
{extras}<p>{len(entries)} báo cáo, xếp theo năm, huyện rồi xã theo thứ tự chữ cái tiếng Việt. Bấm "mở báo cáo"
để xem.</p>
<dl class="legend"><dt>đạt …</dt><dd>hạng cao nhất xã đạt theo kết quả chấm năm đó """
"""(NTM, NTM nâng cao, NTM kiểu mẫu).</dd>
<dt>chưa đạt hạng nào</dt><dd>kết quả chấm chưa đạt đủ bộ tiêu chí NTM.</dd>
<dt>công nhận: …</dt><dd>hạng cao nhất đã được công nhận theo quyết định (— nếu chưa).</dd>
<dt>Kết quả</dt><dd>số tiêu chí và số chỉ tiêu đạt theo từng bộ tiêu chí.</dd>
<dt>lỗi</dt><dd>báo cáo chưa tạo được; lý do ghi ngay tại dòng đó, chạy lại lệnh sau khi sửa.</dd></dl>
<div class="scroll"><table><thead><tr><th>Đơn vị</th><th>Năm</th><th>Tình trạng</th>"""
f"""<th>Kết quả</th><th>Báo cáo</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></div></body></html>
""")
    path = out / "index.html"
    write_text_atomic(path, page)
    return path
