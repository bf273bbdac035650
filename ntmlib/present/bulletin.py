"""The results part of a district NTM bulletin (bản tin nông thôn mới), in Vietnamese,
laid out like the offices' own: model communes, nâng cao communes by recognition year, the
remaining communes, maintenance alerts, and the communes that can register next year.

Which commune goes in which section follows from the dataset's recognitions (and planned
registrations, if it records them) and from the scores, never from a list in the code.
The Word document is written by ntmlib.office.word_bulletin.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import pandas as pd

from ..analysis import aggregate
from ..analysis.verdicts import headline_states, provisional_count
from ..dataset.model import has_district
from ..errors import DataError, Problem
from ..scoring.engine import score
from ..scoring.scorecard import Scorecard
from ..text import (
    NO_THRESHOLD_TEXT,
    VERDICT_TEXT,
    count_text,
    date_text,
    error_text,
    headline_text,
    join_names,
    label,
    short_counts,
    tier_name,
)
from .blocks import print_css

DISTRICT_TIERS = ("ntm", "nang-cao")  # the tiers whose results the district bulletin needs for its year
READY_MAX_CRITERIA_MISSING = 7  # without planned registrations: "can register" = at most this many criteria missing


@dataclass
class Block:
    """A piece of bulletin text: a paragraph ('p'), a bullet ('-') or a sub-bullet ('+')."""

    kind: str
    text: str


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        self.blocks.append(Block(kind, text))


@dataclass
class Bulletin:
    """A bulletin ready to render: title, sections, and the summary table."""

    title: str
    sections: list[Section]
    table: pd.DataFrame
    provisional: tuple[int, int] = (0, 0)  # (provisional, judged) indicator results behind its verdicts
    table_heading: str = "Bảng tổng hợp"
    table_note: str = "Số tiêu chí · số chỉ tiêu đạt theo từng bộ tiêu chí."
    lang: str = "vi"  # the language of its words (the province bulletin may be written in English)

    @property
    def notice(self) -> str:
        """The note on provisional thresholds ('' when none of its verdicts rests on one)."""
        p, n = self.provisional
        return label(VERDICT_TEXT, "provisional_plain", self.lang, p=p, n=n,
                     what=label(VERDICT_TEXT, "this_bulletin", self.lang)) if p else ""

    def lines(self) -> list[str]:
        """Every text line, as in the Markdown, without the table."""
        return [b.text for s in self.sections for b in s.blocks]


def _xa(name: str) -> str:
    return f"Xã {name}"


def _count(row) -> str:
    return count_text(row["criteria_met"], row["criteria_total"], "criteria")


def _count_ind(row) -> str:
    return count_text(row["indicators_met"], row["indicators_total"], "indicators")


def _range(values: pd.Series) -> str:
    lo, hi = int(values.min()), int(values.max())
    return f"{lo}" if lo == hi else f"{lo}-{hi}"


def build(card: Scorecard, year: int) -> Bulletin:
    """Compose the bulletin for `year` from a Scorecard that scored that year."""
    ds = card.dataset
    year = card.require_year(year)
    c = card.communes[card.communes["year"] == year]
    by_tier = {t: c[c["tier"] == t].set_index("commune_id") for t in ("ntm", "nang-cao", "kieu-mau")}
    ntm, nc = by_tier["ntm"], by_tier["nang-cao"]
    if any(by_tier[t].empty for t in DISTRICT_TIERS):
        raise DataError(Problem("dataset.yaml", error_text("bulletin_sets", year=year)))
    order = list(ds.communes["commune_id"])
    rec = ds.recognitions
    rec = rec[rec["year"].isna() | (rec["year"] <= year)]
    km_ids = [i for i in order if i in set(rec.loc[rec["tier"] == "kieu-mau", "commune_id"]) and i in ntm.index]
    nc_rec = rec[(rec["tier"] == "nang-cao") & ~rec["commune_id"].isin(km_ids) & rec["commune_id"].isin(ntm.index)]
    names = ntm["commune"].to_dict()
    mine = ds.communes[ds.communes["commune_id"].isin(ntm.index)]
    districts = [d for d in dict.fromkeys(mine["district"]) if has_district(d)]
    provinces = [p for p in dict.fromkeys(mine["province"]) if isinstance(p, str) and p.strip()]
    district = districts[0] if len(districts) == 1 else ""  # a bulletin of several districts names its province
    sections: list[Section] = []

    s21 = Section("2.1. Đối với các xã đã đạt chuẩn NTM kiểu mẫu")
    if km_ids:
        s21.add("-", "Kết quả thực hiện các tiêu chí nông thôn mới:")
        for i in km_ids:
            s21.add("+", f"{_xa(names[i])} đạt {_count(ntm.loc[i])}, {_count_ind(ntm.loc[i])}.")
        s21.add("-", "Kết quả thực hiện tiêu chí nông thôn mới nâng cao:")
        for i in km_ids:
            s21.add("+", f"{_xa(names[i])} đạt {_count(nc.loc[i])}, {_count_ind(nc.loc[i])}.")
    else:
        s21.add("p", "Huyện chưa có xã đạt chuẩn NTM kiểu mẫu.")
    sections.append(s21)

    s22 = Section("2.2. Đối với các xã đạt chuẩn NTM nâng cao")
    alerts = aggregate.maintenance_alerts(card)
    alerts = alerts[(alerts["year"] == year) & (alerts["tier"] == "nang-cao")]
    for rec_year, group in nc_rec.sort_values("year").groupby(nc_rec["year"].fillna(0).astype(int), sort=True):
        ids = [i for i in order if i in set(group["commune_id"])]
        s22.add("-", f"Các xã đăng ký năm {rec_year}" if rec_year else "Các xã đạt chuẩn (chưa rõ năm)")
        decisions = group.dropna(subset=["decision"])
        decisions = decisions[decisions["decision"].astype(str).str.strip() != ""]
        if len(decisions) == len(group) and group["decision"].nunique() == 1:
            d = group["decision"].iloc[0]
            date = group["decision_date"].iloc[0] if "decision_date" in group else ""
            when = f" {date_text(date, style='long')}" if date else ""
            s22.add("p", f"{join_names([('xã ' if k else 'Xã ') + names[i] for k, i in enumerate(ids)])} được Ủy ban "
                         f"nhân dân tỉnh công nhận đạt chuẩn nông thôn mới nâng cao"
                         f"{f' năm {rec_year}' if rec_year else ''} "
                         f"tại Quyết định "
                         f"số {d}{when}.")
        for i in ids:
            s22.add("+", f"{_xa(names[i])}: đạt {_count(ntm.loc[i])} với {_count_ind(ntm.loc[i])} nông thôn mới; "
                         f"{_count(nc.loc[i])} với {_count_ind(nc.loc[i])} nông thôn mới nâng cao.")
        slipped = alerts[alerts["commune_id"].isin(ids)]
        if len(slipped):
            failing = pd.concat(list(slipped["failing"]))
            failing = failing[failing["status"] == "not_met"]
            what = list(dict.fromkeys(n[:1].lower() + n[1:] for n in failing["indicator_name"]))
            s22.add("p", f"Tuy nhiên qua rà soát, {join_names(['xã ' + names[i] for i in slipped['commune_id']])} "
                         f"còn chỉ tiêu chưa đảm bảo: {'; '.join(what)}.")
    registered_next, ready_note = _next_year(card, c, year, km_ids + list(nc_rec["commune_id"]))
    rest = [i for i in order if i in ntm.index and i not in km_ids and i not in set(nc_rec["commune_id"])
            and i not in registered_next]
    if rest:
        r_ntm, r_nc = ntm.loc[rest], nc.loc[rest]
        crit = card.criteria
        crit = crit[(crit["year"] == year) & (crit["set"] == ntm["set"].iloc[0]) & crit["commune_id"].isin(rest)]
        failed = crit[crit["met"].eq(False).fillna(False)].groupby("criterion").size().sort_values(ascending=False)
        s_ntm = card.sets[ntm["set"].iloc[0]]
        topics = [s_ntm.criterion(code).name.lower() for code in failed.index[:5]]
        s22.add("-", f"Các xã còn lại: Qua rà soát đánh giá, các xã đạt {_range(r_ntm['criteria_met'])}/"
                     f"{r_ntm['criteria_total'].iloc[0]} tiêu chí với {_range(r_ntm['indicators_met'])}/"
                     f"{r_ntm['indicators_total'].iloc[0]} chỉ tiêu nông thôn mới; đạt "
                     f"{_range(r_nc['criteria_met'])}/{r_nc['criteria_total'].iloc[0]} tiêu chí với "
                     f"{_range(r_nc['indicators_met'])}/{r_nc['indicators_total'].iloc[0]} chỉ tiêu nông thôn mới "
                     f"nâng cao. Các tiêu chí, chỉ tiêu chưa đạt thuộc nhóm {', '.join(topics)}.")
    sections.append(s22)

    s3 = Section(f"3. Các xã dự kiến đăng ký năm {year + 1}")
    if ready_note:
        s3.add("p", ready_note)
    for i in registered_next:
        s3.add("-", f"{_xa(names[i])}: đạt {_count(ntm.loc[i])} với {_count_ind(ntm.loc[i])} nông thôn mới; "
                    f"đạt {_count(nc.loc[i])} với {_count_ind(nc.loc[i])} nông thôn mới nâng cao.")
    if not registered_next:
        s3.add("p", "Chưa có xã đủ điều kiện đăng ký.")
    sections.append(s3)

    missing = _no_threshold_section(card, c, year, names)
    if missing is not None:
        sections.append(missing)

    listed = [i for i in order if i in ntm.index]
    head = headline_states(card, year).set_index("commune_id")
    table = pd.DataFrame({
        "Xã": [names[i] for i in listed],
        "NTM": short_counts(ntm.loc[listed]),
        "NTM nâng cao": short_counts(nc.loc[listed]),
        "Hạng đã công nhận": [tier_name(t) for t in ntm.loc[listed, "tier_recognised"]],
        "Tình trạng": [headline_text(*head.loc[i, ["tier", "state", "reached", "undecided"]]) for i in listed],
    })
    place = f" huyện {district}" if district else (f" tỉnh {provinces[0]}" if len(provinces) == 1 else "")
    title = f"Bản tin nông thôn mới{place} — kết quả thực hiện năm {year}"
    return Bulletin(title, sections, table, provisional_count(card, year))


def _no_threshold_section(card: Scorecard, c: pd.DataFrame, year: int, names: dict) -> Section | None:
    """'Lưu ý về ngưỡng': per set and region (by their names), the indicators with values but no
    threshold for `year` and how many communes' results could not be decided; None when every
    value was judged."""
    ind = card.indicators
    ind = ind[(ind["year"] == year) & (ind["status"] == "no_threshold")]
    if ind.empty:
        return None
    region = card.dataset.communes.set_index("commune_id")["region"]
    rows = pd.DataFrame({"set": ind["set"].astype(str), "indicator": ind["indicator"].astype(str),
                         "commune_id": ind["commune_id"].astype(str)})
    rows["region"] = rows["commune_id"].map(region).fillna("")
    section = Section("Lưu ý về ngưỡng")
    for (sid, reg), g in rows.groupby(["set", "region"], sort=False):
        s = card.sets[sid]
        codes = list(dict.fromkeys(g["indicator"]))
        what = "; ".join(f"{code} ({next(i.name for i in s.indicators if i.code == code).lower()})" for code in codes)
        undecided = c[(c["set"] == sid) & c["undecided"].astype(bool) & c["commune_id"].isin(set(g["commune_id"]))]
        head = label(NO_THRESHOLD_TEXT, "named", year=year, set=s.name, region=s.regions.get(reg, reg) or "—")
        text = (f"{head[:1].upper() + head[1:]}: chỉ tiêu "
                f"{what}; {g['commune_id'].nunique()} xã có số liệu nhưng chưa chấm được chỉ tiêu này.")
        if len(undecided):
            text += (f" Kết quả theo bộ tiêu chí {tier_name(s.tier)} của {len(undecided)} xã chưa xác định được "
                     f"(không tính là chưa đạt).")
        section.add("-", text)
    return section


def _next_year(card: Scorecard, c: pd.DataFrame, year: int, exclude: list[str]) -> tuple[list[str], str]:
    """Communes to list under 'can register next year': the dataset's planned registrations
    for year + 1 if it records any, else the readiness ranking's communes with at most
    READY_MAX_CRITERIA_MISSING nâng cao criteria missing."""
    ds = card.dataset
    order = list(ds.communes["commune_id"])
    reg = ds.registrations
    if len(reg):
        planned = set(reg[(reg["year"] == year + 1) & (reg["tier"] == "nang-cao")]["commune_id"])
        if planned:  # of this card's communes only (a district's, when the card is one district of a province)
            present = set(card.communes["commune_id"])
            return [i for i in order if i in planned and i in present], ""
    ready = aggregate.readiness(card, "nang-cao", year=year)
    ready = ready[~ready["commune_id"].isin(exclude) & (ready["criteria_missing"] <= READY_MAX_CRITERIA_MISSING)]
    note = (f"Theo kết quả rà soát, các xã còn thiếu không quá {READY_MAX_CRITERIA_MISSING} tiêu chí nông thôn mới "
            f"nâng cao có thể đăng ký:") if len(ready) else ""
    return list(ready["commune_id"]), note


def to_markdown(b: Bulletin, level: int = 1) -> str:
    """The bulletin as Markdown, its title a heading of `level` (its sections one level below),
    so that it can sit inside a report. A sub-bullet is nested only under a bullet: after a
    paragraph it starts a list of its own (an indented line there would read as code)."""
    h = "#" * level
    out = [f"{h} {b.title}", ""]
    for s in b.sections:
        out += [f"{h}# {s.heading}", ""]
        under_bullet = False
        for blk in s.blocks:
            if blk.kind == "p":  # a paragraph stands apart from the lists around it
                out += ["", blk.text, ""]
                under_bullet = False
            else:
                nested = blk.kind == "+" and under_bullet
                out.append(("  - " if nested else "- ") + blk.text)
                under_bullet = under_bullet or blk.kind == "-"
        out.append("")
    out += [f"{h}# {b.table_heading}", "", b.table_note, ""]
    cols = list(b.table.columns)
    out.append("| " + " | ".join(cols) + " |")
    out.append("|" + "---|" * len(cols))
    for row in b.table.itertuples(index=False):
        out.append("| " + " | ".join(str(v) for v in row) + " |")
    if b.notice:
        out += ["", f"*{b.notice}*"]
    return "\n".join(out) + "\n"


def bulletin(dataset, year: int) -> Bulletin:
    """Score `dataset` for `year` with the sets it names and compose the bulletin."""
    return build(score(dataset, year=year), year)


def to_html(b: Bulletin) -> str:
    """The bulletin as one web page in Vietnamese: headings, paragraphs, nested lists, the
    summary table (scrolling sideways on a phone) and the note on provisional thresholds."""
    e = html.escape
    body = [f"<h1>{e(b.title)}</h1>"]
    for s in b.sections:
        body.append(f"<h2>{e(s.heading)}</h2>")
        items: list[tuple[str, list[str], str]] = []  # bullets with their sub-bullets, as in to_markdown
        for blk in s.blocks + [Block("p", "")]:
            if blk.kind == "+" and items and items[-1][2] == "-":
                items[-1][1].append(blk.text)
            elif blk.kind != "p":
                items.append((blk.text, [], blk.kind))
            else:
                if items:
                    body.append("<ul>" + "".join(
                        f"<li>{e(t)}" + ("<ul>" + "".join(f"<li>{e(c)}</li>" for c in sub) + "</ul>" if sub else "")
                        + "</li>" for t, sub, _ in items) + "</ul>")
                    items = []
                if blk.text:
                    body.append(f"<p>{e(blk.text)}</p>")
    body.append(f"<h2>{e(b.table_heading)}</h2><p>{e(b.table_note)}</p>")
    body.append('<div class="scroll">' + b.table.to_html(index=False, border=0, escape=True) + "</div>")
    if b.notice:
        body.append(f'<p class="notice">{e(b.notice)}</p>')
    return f"""<!DOCTYPE html>
<html lang="{b.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(b.title)}</title>
<style>body{{font-family:"Times New Roman",serif;font-size:17px;line-height:1.5;max-width:860px;margin:2em auto;
padding:0 1em;color:#222}}h1{{font-size:1.5em}}h2{{font-size:1.2em}}.scroll{{overflow-x:auto}}
table{{border-collapse:collapse}}th,td{{border:1px solid #ccc;padding:.3em .5em;text-align:left}}
.notice{{border-left:4px solid #b54708;background:#fffaeb;padding:.5em .8em;font-style:italic}}
{print_css(b.title, font='"Times New Roman", serif')}
@media print{{body{{font-size:13pt;line-height:1.4}}table{{font-size:11pt!important}}}}</style></head>
<body>
{chr(10).join(body)}
</body></html>
"""
