"""The Python API as an analyst who knows pandas uses it: codes in their natural order, names
beside codes in one call, one measure across sets, a criteria table per set, a short repr."""
import re

import pandas as pd
import pytest

import ntmlib
from ntmlib.analysis import aggregate, reorg, trends, verdicts, whatif
from ntmlib.base.values import code_key
from ntmlib.errors import ParameterError
from ntmlib.scoring.scorecard import Scorecard

from tests.helpers.paths import ROOT


def test_codes_sort_in_their_natural_order(ly_nhan_card):
    assert sorted(["17.10", "2", "17.2", "10", "K10", "K2", "1.1"], key=code_key) == [
        "1.1", "2", "10", "17.2", "17.10", "K2", "K10"]
    crit = ly_nhan_card.criteria["criterion"]
    assert crit.cat.ordered and list(crit.cat.categories[:12]) == [str(n) for n in range(1, 13)]
    ind = ly_nhan_card.indicators
    one = ind[(ind["commune_id"] == "13618") & (ind["year"] == 2023) & (ind["set"] == "hanam-2022-ntm")]
    order = list(one.sort_values("indicator")["indicator"].astype(str))
    assert order.index("17.2") < order.index("17.10") and order.index("2.1") < order.index("10")
    assert order == sorted(order, key=code_key)


def test_named_puts_names_beside_codes(ly_nhan_card):
    ind = ly_nhan_card.indicators
    rows = ly_nhan_card.named(ind[(ind["commune_id"] == "13618") & (ind["year"] == 2023)
                                  & (ind["indicator"] == "15.1")])
    ntm = rows[rows["set"] == "hanam-2022-ntm"].iloc[0]
    assert (ntm["commune"], ntm["tier"], ntm["criterion_name"], ntm["indicator_name"], ntm["unit"]) == (
        "Nhân Bình", "ntm", "Y tế", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%")
    assert list(rows.columns[:3]) == ["commune_id", "commune", "year"]


def test_one_measure_across_sets_against_each_sets_threshold(ly_nhan_card):
    bhyt = ly_nhan_card.measure("health_insurance_rate", year=2023)
    assert len(bhyt) == 20 * 2  # every commune, in NTM (15.1, ≥ 90) and nâng cao (14.1, ≥ 95)
    assert dict(zip(bhyt["set"].astype(str), bhyt["indicator"].astype(str))) == {
        "hanam-2022-ntm": "15.1", "hanam-2022-nang-cao": "14.1"}
    nhan_binh = bhyt[bhyt["commune"] == "Nhân Bình"].set_index(bhyt["set"].astype(str)[bhyt["commune"] == "Nhân Bình"])
    assert nhan_binh.loc["hanam-2022-ntm", "number"] == 88.6
    assert nhan_binh.loc["hanam-2022-ntm", "threshold"] == 90 and not nhan_binh.loc["hanam-2022-ntm", "met"]
    with pytest.raises(ParameterError, match="không có thước đo 'bhyt'"):
        ly_nhan_card.measure("bhyt")


def test_criteria_table_and_short_repr(ly_nhan_card):
    t = ly_nhan_card.sets["hanam-2022-ntm"].criteria_table()
    assert len(t) == 19 and t["indicators"].sum() == 57
    assert t.set_index("criterion").loc["15", ["name", "indicators", "group"]].tolist() == ["Y tế", 4, "IV"]
    assert t.set_index("criterion").loc["15", "group_name"] == ly_nhan_card.sets["hanam-2022-ntm"].groups["IV"]["name"]
    text = repr(ly_nhan_card)
    # 20 old communes in 2022–2023 (5,400 results) and the 7 new ones of 2026 (7 × 31)
    assert text == ("Scorecard(27 xã, năm 2022–2026, 4 bộ tiêu chí: hanam-2022-ntm, hanam-2022-nang-cao, "
                    "hanam-2022-kieu-mau, vn-2026-ntm; 5,617 kết quả chỉ tiêu)")
    assert len(text) < 200 and text in ly_nhan_card._repr_html_()


def test_tidy_changes_and_alerts(ly_nhan_card):
    long = aggregate.criterion_changes_long(ly_nhan_card)
    wide = aggregate.year_change(ly_nhan_card)
    # the long table holds exactly the codes the wide one joins with commas
    for r in wide.itertuples():
        mine = long[(long["commune_id"] == r.commune_id) & (long["set"].astype(str) == str(r.set))]
        assert ", ".join(mine.loc[mine["change"] == "gained", "criterion"].astype(str)) == r.gained
        assert ", ".join(mine.loc[mine["change"] == "lost", "criterion"].astype(str)) == r.lost
    nb = long[long["commune"] == "Nhân Bình"]
    assert list(zip(nb["criterion"].astype(str), nb["criterion_name"], nb["change"])) == [
        ("15", "Y tế", "lost"), ("18", "Chất lượng môi trường sống", "lost")]
    rows = aggregate.failing_long(ly_nhan_card, exact=False)
    alerts = aggregate.maintenance_alerts(ly_nhan_card, exact=False)
    assert len(rows) == sum((a.failing["status"] == "not_met").sum() for a in alerts.itertuples())
    hop_ly = rows[(rows["commune"] == "Hợp Lý") & (rows["year"] == 2023) & (rows["tier"] == "ntm")]
    assert list(hop_ly["indicator"]) == ["15.1", "15.4"] and set(hop_ly["tier_recognised"]) == {"kieu-mau"}
    exact = aggregate.failing_long(ly_nhan_card)  # by default as the bulletin counts: exactly at the set's tier
    assert (exact["tier_recognised"] == exact["tier"]).all() and "Hợp Lý" not in set(exact["commune"])
    assert len(exact) == sum((a.failing["status"] == "not_met").sum()
                             for a in aggregate.maintenance_alerts(ly_nhan_card).itertuples())


@pytest.mark.parametrize("name,args", [
    ("summary", ()), ("criteria_distribution", ()), ("most_failed", ()), ("failed_groups", (2023, "hanam-2022-ntm")),
    ("failing_indicators", ("13618", 2023, "hanam-2022-ntm")), ("maintenance_alerts", ()),
    ("readiness", ("nang-cao", 2023)), ("criterion_changes_long", ()), ("failing_long", ()), ("year_change", ())])
def test_docstrings_list_the_columns_returned(ly_nhan_card, name, args):
    _check_columns_listed(getattr(aggregate, name), getattr(aggregate, name)(ly_nhan_card, *args))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["series", "trends", "summary"])
def test_trend_docstrings_list_the_columns_returned(ly_nhan_card, name):
    got = trends.summary(trends.trends(ly_nhan_card)) if name == "summary" else getattr(trends, name)(ly_nhan_card)
    _check_columns_listed(getattr(trends, name), got)
    if name != "summary":
        assert got["commune_id"].dtype == ly_nhan_card.indicators["commune_id"].dtype


def test_report_ready_tables_list_their_columns(ly_nhan_card):
    card = ly_nhan_card
    _check_columns_listed(Scorecard.long, card.long())
    _check_columns_listed(verdicts.unmet_rows, verdicts.unmet_rows(card, 2023, [("13618", "hanam-2022-ntm")]))
    _check_columns_listed(reorg.new_communes, reorg.new_communes(card.dataset))
    _check_columns_listed(reorg.predecessor_table, reorg.predecessor_table(card.dataset))
    _check_columns_listed(reorg.history_table, reorg.history_table(card))
    _check_columns_listed(reorg.history, reorg.history(card, "Nam Xang"))
    assert list(reorg.history(card, ["Nam Xang"]).columns) == ["key", "new_commune", *reorg.history(card,
                                                                                                   "Nam Xang").columns]


def _listed_after(page: str, head: str) -> list[str]:
    """The column names a docs page lists after `head` ('`indicators` — '), up to the next ';' or '.'."""
    text = " ".join((ROOT / "docs" / page).read_text(encoding="utf-8").split())
    part = re.split(r"[;.]\s", text.split(head, 1)[1])[0]
    return [c.strip().strip("`").replace("…", "") for c in part.split(",")]


def test_docs_list_the_columns_of_the_what_if_and_the_comparison(ly_nhan_2023_card):
    w = whatif.whatif(ly_nhan_2023_card, "hanam-2022-ntm", "15.1", 86.5)
    for name in ("indicators", "criteria", "communes"):
        assert _listed_after("analyses.md", f"`{name}` — ") == list(getattr(w, name).columns), name
    c = ntmlib.compare(ly_nhan_2023_card, w.scenario)  # the same years: matched by year
    for name in ("communes", "criteria", "indicators"):
        listed = _listed_after("python-api.md", f"`{name}` — ")
        at = listed.index(next(x for x in listed if x.startswith("then ")))
        lead, values = listed[:at], [listed[at].removeprefix("then ")] + listed[at + 1:]
        assert list(getattr(c, name).columns) == lead + [f"{v}{x}" for v in values for x in ("_a", "_b")], name


def _check_columns_listed(f, table):
    listed = " ".join(f.__doc__.split("Columns:")[1].split())
    listed = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", listed).rstrip(". ")
    names = [c.strip().split(" ")[0] for c in listed.split(",")]
    assert names == list(table.columns), f.__name__


def _public_tables(card):
    s = "hanam-2022-ntm"
    return {"dataset.communes": card.dataset.communes, "card.indicators": card.indicators,
            "card.criteria": card.criteria, "card.communes": card.communes,
            "summary": aggregate.summary(card), "criteria_distribution": aggregate.criteria_distribution(card),
            "most_failed": aggregate.most_failed(card, by="indicator"),
            "failed_groups": aggregate.failed_groups(card, 2023, s),
            "failing_indicators": aggregate.failing_indicators(card, "13576", 2023, s),
            "maintenance_alerts": aggregate.maintenance_alerts(card), "readiness": aggregate.readiness(card),
            "criterion_changes_long": aggregate.criterion_changes_long(card),
            "failing_long": aggregate.failing_long(card), "year_change": aggregate.year_change(card),
            "named": card.named(card.criteria), "measure": card.measure("health_insurance_rate"),
            "long": card.long(), "unmet_rows": verdicts.unmet_rows(card, 2023, [("13618", s), ("13567", s)]),
            "history_table": reorg.history_table(card), "compare": ntmlib.compare(card, card, (2022, 2023)).indicators,
            "compare.communes": ntmlib.compare(card, card, (2022, 2023)).communes,
            "whatif": whatif.whatif(card, s, "15.1", 86.5).indicators,
            "whatif.communes": whatif.whatif(card, s, "15.1", 86.5).communes}


@pytest.mark.slow
def test_a_column_has_one_dtype_in_every_table(ly_nhan_card):
    tables = _public_tables(ly_nhan_card)
    seen: dict[str, dict[str, str]] = {}
    for name, t in tables.items():
        for col in ("commune_id", "commune", "set", "tier", "tier_reached", "tier_recognised", "criterion",
                    "indicator", "year", "criterion_name", "indicator_name", "unit", "rule", "status",
                    "threshold_text", "value", "number", "gap", "threshold"):
            if col in t.columns:
                seen.setdefault(col, {})[name] = repr(t[col].dtype)
    for col, dtypes in seen.items():
        assert len(set(dtypes.values())) == 1, (col, dtypes)
    # the identifiers share their categories, so merges keep them categorical
    assert seen["commune_id"]["dataset.communes"].startswith("CategoricalDtype")
    merged = aggregate.readiness(ly_nhan_card).merge(ly_nhan_card.dataset.communes[["commune_id", "district"]],
                                                     on="commune_id")
    assert merged["commune_id"].dtype == ly_nhan_card.indicators["commune_id"].dtype
    # criteria codes sort naturally in every table that has them
    most = tables["most_failed"]
    assert list(most["criterion"].cat.categories) == sorted(most["criterion"].cat.categories, key=code_key)


@pytest.mark.slow
def test_no_tier_is_na_never_empty_text(ly_nhan_card):
    for name, t in _public_tables(ly_nhan_card).items():
        for col in ("tier", "tier_reached", "tier_recognised"):
            if col in t.columns:
                assert not (t[col].astype(object) == "").any(), (name, col)
    c = ly_nhan_card.communes[ly_nhan_card.communes["year"] == 2022].drop_duplicates("commune_id").set_index("commune")
    assert pd.isna(c.at["Văn Lý", "tier_reached"]) and c.at["Văn Lý", "tier_recognised"] == "ntm"
    # ordered lowest first, so tiers compare
    assert (c["tier_reached"] >= "ntm").sum() == c["tier_reached"].notna().sum()
