"""ntmlib.present.plots: the figures show what the scorecard says, in either language, reproducibly."""
import io
import unicodedata

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from ntmlib.analysis import aggregate
from ntmlib.errors import ParameterError
from ntmlib.present import plots
from ntmlib.scoring.engine import Scorecard

MET, NOT_MET, NO_DATA = (plots.COLOURS[k] for k in ("met", "not_met", "no_data"))


def texts(fig):
    return [t.get_text() for t in fig.findobj(Text)]


def patches(fig, prefix):
    """The result boxes whose gid starts with `prefix`, in drawing order, as {gid: hex colour}."""
    return {p.get_gid(): to_hex(p.get_facecolor()) for ax in fig.axes for p in ax.patches
            if (p.get_gid() or "").startswith(prefix)}


def tick_labels(ax, axis="x"):
    return [t.get_text() for t in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels())]


def colour_of(met):
    return NO_DATA if pd.isna(met) else (MET if met else NOT_MET)


# --------------------------------------------------------------------------- criteria grid


def test_criteria_grid_tiles_follow_the_scorecard(tiny_card):
    fig = plots.criteria_grid(tiny_card, "C", 2023, "tiny-ntm")
    assert isinstance(fig, Figure)
    assert list(patches(fig, "tile:").items()) == [("tile:1", MET), ("tile:2", MET), ("tile:3", NOT_MET)]
    found = texts(fig)
    assert {"2/2 chỉ tiêu", "3/3 chỉ tiêu", "1/2 chỉ tiêu"} <= set(found)  # indicators met, per tile
    assert {"Giao thông và quy hoạch", "Y tế và môi trường"} <= set(found)
    assert fig._suptitle.get_text() == "Kết quả các tiêu chí NTM — xã Cao, năm 2023"
    assert "Đạt 2/3 tiêu chí, 6/7 chỉ tiêu · Bộ tiêu chí thử nghiệm xã nông thôn mới" in found
    assert {"✓ Đạt (2)", "✗ Chưa đạt (1)", "? Chưa có số liệu (0)"} <= set(found)  # legend with counts
    assert not {"▲", "▼"} & set(found)  # no previous year asked


def test_criteria_grid_no_data_tile_is_grey(tiny_card):
    fig = plots.criteria_grid(tiny_card, "B", 2023, "tiny-ntm")
    assert list(patches(fig, "tile:").values()) == [NOT_MET, NOT_MET, NO_DATA]
    assert "1/2 chỉ tiêu" in texts(fig)


def test_criteria_grid_english(tiny_card):
    fig = plots.criteria_grid(tiny_card, "C", 2023, "tiny-ntm", lang="en")
    assert fig._suptitle.get_text() == "NTM criteria — Cao, 2023"
    found = texts(fig)
    assert {"2/2 indicators", "1/2 indicators", "✓ Met (2)", "✗ Not met (1)", "? No data (0)"} <= set(found)
    assert any(t.startswith("Meets 2/3 criteria, 6/7 indicators · Test NTM set") for t in found)


def test_criteria_grid_previous_year_without_data_is_no_change(tiny_both_years_card):
    # 2022 has no data for C: nothing gained or lost, but the comparison is announced
    fig = plots.criteria_grid(tiny_both_years_card, "C", 2023, "tiny-ntm", previous_year=2022)
    found = texts(fig)
    assert not {"▲", "▼"} & set(found)
    assert {"đạt mới so với năm 2022", "không còn đạt so với năm 2022"} <= set(found)
    # a previous year that was not scored: no arrows and no comparison
    fig = plots.criteria_grid(tiny_both_years_card, "C", 2023, "tiny-ntm", previous_year=2021)
    assert not any("so với năm" in t for t in texts(fig))


def test_criteria_grid_arrows_mark_gained_and_lost(tiny_both_years_card):
    crit = tiny_both_years_card.criteria.copy()
    before = (crit["commune_id"] == "C") & (crit["year"] == 2022) & (crit["set"] == "tiny-ntm")
    crit.loc[before, "met"] = pd.array([False, True, True], dtype="boolean")  # 2023: True, True, False
    both = tiny_both_years_card
    card = Scorecard(both.indicators, crit, both.communes, both.sets, both.dataset)
    fig = plots.criteria_grid(card, "C", 2023, "tiny-ntm", previous_year=2022)
    arrows = {t.get_text(): int(t.get_position()[0]) for t in fig.axes[0].texts if t.get_text() in ("▲", "▼")}
    assert arrows == {"▲": 0, "▼": 2}  # column 0 is criterion 1, column 2 criterion 3


# --------------------------------------------------------------------------- heatmap


def test_heatmap_cells_match_the_scorecard(tiny_card):
    fig = plots.heatmap(tiny_card, 2023, "tiny-ntm")
    ax = fig.axes[0]
    assert tick_labels(ax, "y") == ["An", "Cao", "Bình"]  # 3, 2, 0 criteria met
    assert tick_labels(ax)[:3] == ["1\n(2)", "2\n(3)", "3\n(2)"]
    cells = patches(fig, "cell:")
    crit = tiny_card.criteria[(tiny_card.criteria["year"] == 2023) & (tiny_card.criteria["set"] == "tiny-ntm")]
    assert len(cells) == len(crit) == 9
    for cid, code, met in zip(crit["commune_id"], crit["criterion"], crit["met"]):
        assert cells[f"cell:{cid}:{code}"] == colour_of(met), (cid, code)
    assert cells["cell:B:3"] == NO_DATA
    assert cells["cell:C:3"] == NOT_MET and cells["cell:A:1"] == MET
    # indicators met, row by row in display order (An, Cao, Bình), then the row total
    numbers = [t.get_text() for t in ax.texts]
    assert numbers == ["2", "3", "2", "3/3", "2", "3", "1", "2/3", "1", "1", "1", "0/3"]
    assert fig._suptitle.get_text() == "Kết quả các tiêu chí NTM theo xã, năm 2023"


def test_heatmap_english(tiny_card):
    fig = plots.heatmap(tiny_card, 2023, "tiny-ntm", lang="en")
    assert fig._suptitle.get_text() == "NTM criteria by commune, 2023"
    assert tick_labels(fig.axes[0])[-1] == "Met"
    assert {"✓ Met", "✗ Not met", "? No data"} <= set(texts(fig))


# --------------------------------------------------------------------------- distribution


def test_criteria_distribution_heights_equal_the_table(tiny_card):
    fig = plots.criteria_distribution(tiny_card, 2023, "tiny-ntm")
    ax = fig.axes[0]
    heights = dict(zip(tick_labels(ax), (int(p.get_height()) for p in ax.patches)))
    dist = aggregate.criteria_distribution(tiny_card)
    dist = dist[(dist["year"] == 2023) & (dist["set"] == "tiny-ntm")]
    assert dist["label"].tolist() == ["3/3", "2/3", "0/3"]
    assert heights == {**dict(zip(dist["label"], dist["communes"])), "1/3": 0}
    assert list(heights) == ["0/3", "1/3", "2/3", "3/3"]
    assert to_hex(ax.patches[-1].get_facecolor()) == MET  # all criteria met
    assert "năm 2023" in fig._suptitle.get_text()
    assert "3 xã được chấm; 1 xã đạt đủ 3/3 tiêu chí" in texts(fig)
    assert ax.get_xlabel() == "Số tiêu chí đạt"
    en = plots.criteria_distribution(tiny_card, 2023, "tiny-ntm", lang="en")
    assert en.axes[0].get_xlabel() == "Criteria met" and en.axes[0].get_ylabel() == "Communes"


# --------------------------------------------------------------------------- failed groups


def test_failed_groups_bars_equal_the_table(tiny_card):
    fig = plots.failed_groups(tiny_card, 2023, "tiny-ntm")
    ax = fig.axes[0]
    table = aggregate.failed_groups(tiny_card, 2023, "tiny-ntm")
    assert table["failed"].tolist() == [3, 1]
    assert tick_labels(ax, "y") == ["II. Kinh tế và xã hội", "I. Quy hoạch và hạ tầng"]  # most failed on top
    assert [int(p.get_width()) for p in ax.patches] == [3, 1]
    assert {"3 · 2 xã", "1 · 1 xã"} <= set(texts(fig))
    only_c = plots.failed_groups(tiny_card, 2023, "tiny-ntm", communes=["C"], lang="en")
    assert [int(p.get_width()) for p in only_c.axes[0].patches] == [1, 0]
    assert "1 · 1 commune" in texts(only_c)  # one commune, in the singular
    assert only_c._suptitle.get_text() == "Failed NTM indicators by criteria group, 2023"


# --------------------------------------------------------------------------- readiness


def test_readiness_ranks_candidates(tiny_card):
    fig = plots.readiness(tiny_card, "nang-cao", year=2023)
    ax = fig.axes[0]
    table = aggregate.readiness(tiny_card, "nang-cao", 2023)
    ranked = [f"{r}. {n}" for r, n in zip(table["rank"], table["commune"])]
    assert tick_labels(ax, "y") == ranked == ["1. An", "2. Bình"]
    # the bars count what the rank counts: the set's missing criteria and its prerequisite's
    assert table["criteria_missing"].tolist() == [0, 1] and table["prerequisite_criteria_missing"].tolist() == [0, 3]
    assert [int(p.get_width()) for p in ax.patches] == [0, 4]
    assert {"1/1 · 2/2 — đạt đủ tiêu chí", "0/1 · 0/2"} <= set(texts(fig))
    assert fig._suptitle.get_text() == "Xã phấn đấu đạt chuẩn NTM nâng cao: số tiêu chí còn thiếu, năm 2023"
    en = plots.readiness(tiny_card, "nang-cao", year=2023, lang="en")
    assert en._suptitle.get_text() == "Candidates for advanced NTM: criteria still missing, 2023"


# --------------------------------------------------------------------------- tiers


def test_tier_status_counts(tiny_card):
    fig = plots.tier_status(tiny_card, 2023)
    ax = fig.axes[0]
    assert tick_labels(ax) == ["NTM", "NTM nâng cao"]
    heights = [int(p.get_height()) for p in ax.patches]
    # reached by scoring: A (nâng cao) only; recognised: A, B (NTM) and C (nâng cao)
    assert heights == [1, 1, 3, 1]
    legend = {"Đạt theo kết quả chấm năm 2023", "Đã có quyết định công nhận", "Tổng số xã: 3"}
    assert legend <= set(texts(fig))
    en = plots.tier_status(tiny_card, 2023, lang="en")
    assert tick_labels(en.axes[0]) == ["NTM", "advanced NTM"]
    assert "Recognised by decision" in texts(en)


# --------------------------------------------------------------------------- common rules


@pytest.fixture(scope="module")
def all_figures(tiny_card, tiny_both_years_card):
    return [
        plots.criteria_grid(tiny_both_years_card, "C", 2023, "tiny-ntm", previous_year=2022),
        plots.heatmap(tiny_card, 2023, "tiny-ntm"),
        plots.criteria_distribution(tiny_card, 2023, "tiny-ntm", lang="en"),
        plots.failed_groups(tiny_card, 2023, "tiny-ntm"),
        plots.readiness(tiny_card, "nang-cao", year=2023),
        plots.tier_status(tiny_card, 2023, lang="en"),
    ]


def test_text_is_nfc_dejavu_and_readable(all_figures):
    for fig in all_figures:
        fig.canvas.draw()  # tick labels are made at draw time
        width, _ = fig.get_size_inches()
        assert 6 <= width <= 11
        for t in fig.findobj(Text):
            if t.get_text() and t.get_visible():
                assert unicodedata.is_normalized("NFC", t.get_text())
                assert t.get_fontname() == "DejaVu Sans", t.get_text()
                assert t.get_fontsize() >= 9, t.get_text()


def test_figures_are_not_left_open_in_pyplot(tiny_card):
    before = plt.get_fignums()
    fig = plots.heatmap(tiny_card, 2023, "tiny-ntm")
    assert plt.get_fignums() == before
    assert fig._repr_png_().startswith(b"\x89PNG")  # shown in notebooks without pyplot


def test_png_bytes_are_reproducible(tiny_card, all_figures):
    for fig in all_figures:
        a, b = io.BytesIO(), io.BytesIO()
        plots.save(fig, a, format="png")
        plots.save(fig, b, format="png")
        assert a.getvalue() == b.getvalue() and a.getvalue().startswith(b"\x89PNG")
    # the same figure built twice gives the same bytes, also through plain savefig
    first, second = (plots.criteria_grid(tiny_card, "C", 2023, "tiny-ntm") for _ in range(2))
    a, b = io.BytesIO(), io.BytesIO()
    first.savefig(a, format="png", metadata={"Software": None})
    second.savefig(b, format="png", metadata={"Software": None})
    assert a.getvalue() == b.getvalue()


def test_svg_and_pdf_are_reproducible(tiny_card, tmp_path):
    fig = plots.heatmap(tiny_card, 2023, "tiny-ntm")
    for fmt in ("svg", "pdf"):
        plots.save(fig, tmp_path / f"a.{fmt}")
        plots.save(fig, tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes(), fmt


@pytest.mark.parametrize("call, message", [
    (lambda c: plots.criteria_grid(c, "Z", 2023, "tiny-ntm"), "không có xã mã 'Z'"),
    (lambda c: plots.criteria_grid(c, "D", 2023, "tiny-ntm"), "không có xã mã 'D'"),  # town, not assessed
    (lambda c: plots.heatmap(c, 2021, "tiny-ntm"), "năm 2021 chưa được chấm"),
    (lambda c: plots.criteria_distribution(c, 2023, "vn-2021-ntm"), "không có bộ tiêu chí 'vn-2021-ntm'"),
    (lambda c: plots.failed_groups(c, 2023, "tiny-ntm", communes=["A", "Z"]), "không có xã mã 'Z'"),
    (lambda c: plots.readiness(c, "nang_cao", year=2023), "hạng: không có hạng 'nang_cao'"),
    (lambda c: plots.readiness(c, "kieu-mau", year=2023), "không có bộ tiêu chí hạng NTM kiểu mẫu"),
    (lambda c: plots.tier_status(c, "năm ngoái"), "năm: 'năm ngoái' không phải là một năm"),
    (lambda c: plots.tier_status(c, 2021), "năm: năm 2021 chưa được chấm"),
    (lambda c: plots.heatmap(c, 2023, "tiny-ntm", lang="fr"), "ngôn ngữ: 'fr' không hỗ trợ"),
])
def test_bad_arguments_raise_parameter_error(tiny_card, call, message):
    with pytest.raises(ParameterError, match=message):
        call(tiny_card)
