"""The analyses: `ntm roadmap` (what each commune still misses to reach a tier), `ntm whatif`
(which communes change when a threshold changes) and `ntm trends` (one commune's indicators over
the years)."""
from __future__ import annotations

import click

from ..analysis.roadmap import roadmap_for, to_text
from ..analysis.trends import display_table, trends
from ..analysis.whatif import whatif
from ..base.outputs import csv_safe
from ..dataset import resolve
from ..dataset.loading import load_dataset
from ..scoring.engine import score
from ..text import TREND_HEADERS, tier_name
from .app import emit, main
from .translation import Choice, Folder, Int, NtmUsageError, argument, language, option, say

HELP = {  # each command's help: what it does, its arguments and options, and examples on the sample data
    "vi": {
        "roadmap": {
            "short": "Lộ trình lên hạng: mỗi xã còn thiếu gì.",
            "help": "Lộ trình lên hạng --target: mỗi xã chưa được công nhận còn thiếu chỉ tiêu nào, thiếu bao nhiêu, "
                    "xếp theo mức sẵn sàng (thiếu ít nhất trước); cuối cùng là tổng hợp toàn huyện.",
            "arguments": {"dataset": "Thư mục bộ dữ liệu."},
            "options": {"year": "Năm đánh giá.",
                        "target": "Hạng cần đạt: mã hạng của một bộ tiêu chí của năm (ntm, nang-cao, kieu-mau, "
                                  "hoặc hạng tỉnh ban hành như hien-dai).",
                        "by_year": "Năm mục tiêu: khoảng thiếu nào tốc độ gần đây bù được trước năm đó.",
                        "district": "Chỉ các xã của huyện này (tên, có dấu hoặc không).",
                        "fmt": "table: văn bản; csv: dữ liệu đầy đủ.", "out": "Ghi ra tệp thay vì màn hình."},
            "metavars": {"target": "HẠNG"},
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
    },
    "en": {
        "roadmap": {
            "short": "Road to a tier: what each commune still misses.",
            "help": "Road to the --target tier: which indicators each commune not yet recognised misses, and by how "
                    "much, readiest first; then the district totals.",
            "arguments": {"dataset": "The dataset folder."},
            "options": {"year": "The year assessed.",
                        "target": "The tier to reach: the tier code of a criteria set of the year (ntm, nang-cao, "
                                  "kieu-mau, or a tier a province issues such as hien-dai).",
                        "by_year": "Target year: which gaps the recent rate closes before then.",
                        "district": "Only the communes of this district (name, with or without diacritics).",
                        "fmt": "table: text; csv: the full data.", "out": "Write to this file instead of the screen."},
            "metavars": {"target": "TIER"},
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
    },
}


@main.command("roadmap", words=HELP)
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--target", default="nang-cao", show_default=True)
@option("--by", "by_year", type=Int())
@option("--district")
@option("--format", "fmt", type=Choice(["table", "csv"]), default="table", show_default=True)
@option("--out", type=click.Path())
def roadmap_cmd(dataset, year, target, by_year, district, fmt, out) -> None:
    """`ntm roadmap`: what each commune still misses to reach a tier, and the district totals."""
    ds = load_dataset(dataset)
    if district:
        district = resolve.district_name(ds.communes, district, ds.file_name("communes"))
    card = score(ds, year=[y for y in ds.years if y <= year]) if year in ds.years else score(ds, year=year)
    rm = roadmap_for(card, year, target, by_year, district)
    if district:
        card = card.subset(rm["commune_id"].unique()) if not rm.empty else card
    emit(to_text(rm, card, year, target, language()) if fmt == "table" else csv_safe(rm).to_csv(index=False), out)


@main.command("whatif", words=HELP)
@argument("dataset", type=Folder())
@option("--year", type=Int(), required=True)
@option("--set", "set_id", required=True)
@option("--indicator", required=True)
@option("--threshold", required=True)
@option("--region")
@option("--group")
def whatif_cmd(dataset, year, set_id, indicator, threshold, region, group) -> None:
    """`ntm whatif`: which communes change when one threshold changes."""
    if region and group:
        raise NtmUsageError(say("one_of", a="--region", b="--group"))
    lang = language()
    ds = load_dataset(dataset)
    set_id = resolve.set_id_among(set_id, ds.set_ids_for(year), ds.framework_dir)
    w = whatif(ds, set_id, indicator, threshold, year=year, region=region, group=group)
    lines = w.sentences(lang)
    click.echo("\n".join(lines[:1]))
    if w.changed:
        click.echo("\n" + w.table(lang).to_string(index=False) + "\n")
    click.echo("\n".join(lines[1:]))


@main.command("trends", words=HELP)
@argument("dataset", type=Folder())
@option("--commune", required=True)
@option("--set", "set_id")
@option("--all", "show_all", is_flag=True)
def trends_cmd(dataset, commune, set_id, show_all) -> None:
    """`ntm trends`: the trend of each indicator of one commune over the years."""
    lang = language()
    ds = load_dataset(dataset)
    cid = resolve.commune_id(ds.communes, commune, ds.file_name("communes"))
    card = score(ds)
    tr = trends(card, communes=[cid])
    if set_id:
        tr = tr[tr["set"] == resolve.set_id(set_id, {i: s.name for i, s in card.sets.items()},
                                            tiers={i: s.tier for i, s in card.sets.items()})]
    name = ds.communes.set_index("commune_id").at[cid, "commune"]
    years = sorted(int(y) for y in card.communes.loc[card.communes["commune_id"] == cid, "year"].unique())
    click.echo(say("trends_title", name=name, years=", ".join(map(str, years))))  # the years it was scored in
    if str(commune) != cid:  # asked by name: an old commune and the unit of 2025 formed from it may share it
        others = [c for c in resolve.namesakes(ds.communes, name) if c != cid]
        if others:
            click.echo(say("trends_same_name", name=name, others=", ".join(others)))
    click.echo(say("trends_rule"))
    shown = tr if show_all else tr[tr["met"].ne(True) | tr["direction"].isin(["improving", "worsening"])]
    hidden = len(tr) - len(shown)
    for s, g in shown.groupby("set", sort=False):
        click.echo(f"\n{s} ({tier_name(card.sets[s].tier, lang)})")
        head = TREND_HEADERS[lang]
        table = display_table(g, lang).drop(columns=[head["set"]])
        table[head["name"]] = table[head["name"]].str.slice(0, 45)
        click.echo(table.to_string(index=False))
    if hidden:
        click.echo("\n" + say("trends_hidden", n=hidden))
