"""Trends: arrows, rates and projections on a hand-made three-year dataset, cross-set comparison
only through a declared shared measure, and counts on the sample dataset."""
import pandas as pd
import pytest
from click.testing import CliRunner

from ntmlib import score
from ntmlib.analysis.trends import ARROWS, series, summary, trends
from ntmlib.cli import main

from tests.helpers.paths import DATA, LY_NHAN

TRENDS = DATA / "trends"


@pytest.fixture(scope="module")
def tr():
    return trends(score(TRENDS)).set_index(["commune_id", "set", "indicator"])


@pytest.fixture(scope="module")
def ly_card(ly_nhan_card):
    return ly_nhan_card


def test_score_scores_each_period_with_its_own_sets():
    card = score(TRENDS)
    got = card.communes.groupby("year")["set"].agg(lambda s: sorted(set(s))).to_dict()
    assert got == {2021: ["trend-nc", "trend-old"], 2022: ["trend-nc", "trend-old"], 2023: ["trend-nc", "trend-new"]}


def test_numeric_at_least_rule_arrows_rate_and_projection(tr):
    x = tr.loc[("X", "trend-nc", "1.1")]  # 80, 84, 86; threshold 95
    assert (x["arrow"], x["direction"], x["rate"]) == ("↑", "improving", 2.0)
    assert (x["year_from"], x["year_to"], x["value_from"], x["value_to"]) == (2022, 2023, 84.0, 86.0)
    assert x["values"] == "2021: 80; 2022: 84; 2023: 86"
    assert x["projected_year"] == 2023 + 5  # (95 - 86) / 2 = 4.5 years, reached in the 5th
    y = tr.loc[("Y", "trend-nc", "1.1")]  # 93, 92, 90: moving away
    assert (y["arrow"], y["rate"]) == ("↓", -2.0) and pd.isna(y["projected_year"])
    z = tr.loc[("Z", "trend-nc", "1.1")]  # 96 three times: met, flat
    assert (z["arrow"], bool(z["met"])) == ("→", True) and pd.isna(z["projected_year"])


def test_at_most_rule_lower_is_better(tr):
    x = tr.loc[("X", "trend-nc", "1.2")]  # 3; 2,5; 1,9 with threshold ≤ 1
    assert x["arrow"] == "↑" and x["rate"] == pytest.approx(-0.6)
    assert x["projected_year"] == 2023 + 2  # (1,9 - 1) / 0,6 = 1.5 years
    assert tr.loc[("Y", "trend-nc", "1.2"), "arrow"] == "↓"  # 1 -> 1,2 -> 1,5
    z = tr.loc[("Z", "trend-nc", "1.2")]  # one year of data only
    assert (z["arrow"], z["direction"]) == ("·", "no_data") and pd.isna(z["rate"])


def test_yes_no_arrows_follow_met_gained_or_lost(tr):
    assert [tr.loc[(c, "trend-nc", "1.3"), "arrow"] for c in "XYZ"] == ["↑", "↓", "→"]
    assert pd.isna(tr.loc[("X", "trend-nc", "1.3"), "rate"])


def test_sets_with_a_shared_measure_are_compared_and_say_so(tr):
    a = tr.loc[("X", "trend-new", "A")]  # trend-new only in 2023; 2021-2022 from trend-old "1" (same tier)
    assert a["values"] == "2021: 80; 2022: 84; 2023: 86"
    assert a["compared_via"] == "cùng thước đo health_insurance_rate: năm 2021, 2022 theo trend-old 1"
    assert a["arrow"] == "↑" and a["projected_year"] == 2023 + 3  # (92 - 86) / 2
    assert tr.loc[("X", "trend-old", "1"), "compared_via"] == "cùng bộ tiêu chí"


def test_sets_without_a_declared_mapping_are_never_compared(tr):
    b = tr.loc[("X", "trend-new", "B")]  # same name as trend-old "2", but no measure: 74 is not compared with 72
    assert (b["arrow"], b["values"]) == ("·", "2023: 74")
    assert "không so sánh năm 2021, 2022" in b["compared_via"]
    s = series(score(TRENDS))
    assert set(s.loc[(s["set"] == "trend-new") & (s["indicator"] == "B"), "year"]) == {2023}


def test_sample_arrows_match_the_values_of_both_years(ly_card):
    tr = trends(ly_card)
    ind = ly_card.indicators
    wide = ind[(ind["set"] == "hanam-2022-nang-cao") & (ind["indicator"] == "14.1")].pivot(
        index="commune_id", columns="year", values="number")
    up, down = int((wide[2023] > wide[2022]).sum()), int((wide[2023] < wide[2022]).sum())
    row = summary(tr).set_index(["set", "indicator"]).loc[("hanam-2022-nang-cao", "14.1")]
    assert (row["improving"], row["worsening"]) == (up, down)
    assert up + down + row["stagnant"] + row["no_data"] == wide.shape[0]
    assert set(tr["arrow"]) <= set(ARROWS.values())


def test_cli_trends_of_one_commune():
    r = CliRunner().invoke(main, ["trends", str(TRENDS), "--commune", "Xuân", "--set", "trend-nc"])
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if x.strip().startswith("1.1"))
    assert "↑ tiến bộ" in line and "+2" in line and "2028" in line
    r = CliRunner().invoke(main, ["trends", str(TRENDS), "--commune", "Không Có"])
    assert r.exit_code == 2 and "không có xã 'Không Có'" in r.output


def test_cli_trends_of_a_name_two_units_carry_says_how_to_reach_the_other():
    """Bắc Lý is the old commune 13588 (2022–2023) and the unit 13579@2025-07-01 formed in 2025 (2026):
    asked by name, the trends say which they show and how to see the other; asked by code, no note."""
    r = CliRunner().invoke(main, ["trends", str(LY_NHAN), "--commune", "bac ly"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[:2] == [
        "Xu hướng các chỉ tiêu — Xã Bắc Lý, năm 2022, 2023",
        "Tên Bắc Lý còn là của xã mã 13579@2025-07-01: ghi mã vào --commune để xem xã đó."]
    other = CliRunner().invoke(main, ["trends", str(LY_NHAN), "--commune", "13579@2025-07-01", "--lang", "en"])
    assert other.exit_code == 0 and other.output.splitlines()[0] == "Indicator trends — Bắc Lý commune, 2026"
    assert "also that of" not in other.output
    alone = CliRunner().invoke(main, ["trends", str(LY_NHAN), "--commune", "Chân Lý"])
    assert alone.exit_code == 0 and "còn là của" not in alone.output


def test_trend_figure_stacks_every_commune(ly_card):
    from matplotlib.patches import Rectangle

    from ntmlib.present import plots

    fig = plots.trend_summary(ly_card, "hanam-2022-nang-cao", top=5)
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(bars) == 4 * 5  # improving, stagnant, worsening, no data for each indicator
    per_row = {}
    for p in bars:
        per_row[round(p.get_y(), 3)] = per_row.get(round(p.get_y(), 3), 0) + p.get_width()
    scored = ly_card.communes[ly_card.communes["set"] == "hanam-2022-nang-cao"]  # the 20 old communes, not 2026's
    assert set(per_row.values()) == {float(scored["commune_id"].nunique())}
