"""ntmlib.present.plots: the figures show what the scorecard says, in either language, reproducibly."""
import io
import unicodedata

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.text import Text

from ntmlib.analysis import aggregate
from ntmlib.errors import ParameterError
from ntmlib.present import plots

MET = plots.COLOURS["met"]


def texts(fig):
    return [t.get_text() for t in fig.findobj(Text)]


def flat_texts(fig):
    """The figure's texts with wrapped lines joined again."""
    return [" ".join(t.split()) for t in texts(fig)]


def tick_labels(ax, axis="x"):
    return [t.get_text() for t in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels())]


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
    assert "năm 2023" in " ".join(fig._suptitle.get_text().split())
    assert "3 xã được chấm; 1 xã đạt đủ 3/3 tiêu chí" in texts(fig)
    assert ax.get_xlabel() == "Số tiêu chí đạt"
    en = plots.criteria_distribution(tiny_card, 2023, "tiny-ntm", lang="en")
    assert en.axes[0].get_xlabel() == "Criteria met" and en.axes[0].get_ylabel() == "Communes"


def test_criteria_distribution_leaves_out_a_commune_without_data(tiny_card):
    # tiny-nc 2023: A meets 1/1, C 0/1, B has no value of the set: not a bar at 0/1, named in the subtitle
    fig = plots.criteria_distribution(tiny_card, 2023, "tiny-nc")
    ax = fig.axes[0]
    heights = dict(zip(tick_labels(ax), (int(p.get_height()) for p in ax.patches)))
    assert heights == {"0/1": 1, "1/1": 1}
    assert "2 xã được chấm; 1 xã đạt đủ 1/1 tiêu chí; 1 xã chưa có số liệu (không tính)" in flat_texts(fig)
    en = plots.criteria_distribution(tiny_card, 2023, "tiny-nc", lang="en")
    assert "2 communes scored; 1 meet all 1 criterion; 1 without data (not counted)" in flat_texts(en)


def test_criteria_distribution_of_a_year_without_any_data(tiny_both_years_card):
    fig = plots.criteria_distribution(tiny_both_years_card, 2022, "tiny-nc")  # no commune has a value
    assert [int(p.get_height()) for p in fig.axes[0].patches] == [0, 0]
    assert "0 xã được chấm; 0 xã đạt đủ 1/1 tiêu chí; 3 xã chưa có số liệu (không tính)" in flat_texts(fig)


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
    assert " ".join(only_c._suptitle.get_text().split()) == "Failed NTM indicators by criteria group, 2023"


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
    title = " ".join(fig._suptitle.get_text().split())  # wrapped to the chart's width
    assert title == "Xã phấn đấu đạt chuẩn NTM nâng cao: số tiêu chí còn thiếu, năm 2023"
    en = plots.readiness(tiny_card, "nang-cao", year=2023, lang="en")
    assert " ".join(en._suptitle.get_text().split()) == "Candidates for advanced NTM: criteria still missing, 2023"


# --------------------------------------------------------------------------- common rules


@pytest.fixture(scope="module")
def all_figures(tiny_card):
    return [
        plots.criteria_distribution(tiny_card, 2023, "tiny-ntm", lang="en"),
        plots.failed_groups(tiny_card, 2023, "tiny-ntm"),
        plots.readiness(tiny_card, "nang-cao", year=2023),
        plots.roadmap_totals(tiny_card, 2023, "nang-cao"),
        plots.trend_summary(tiny_card, "tiny-ntm"),
    ]


PHONE_PX = 360  # the width a 390 px phone gives a chart in a report (its page's margins taken off)


@pytest.mark.slow
def test_text_is_nfc_dejavu_and_readable_on_a_phone(all_figures):
    for fig in all_figures:
        fig.canvas.draw()  # tick labels are made at draw time
        width, _ = fig.get_size_inches()
        assert width == plots.WIDTH
        scale = PHONE_PX / (width * 72)  # CSS px per point of the SVG, the chart fitted to the phone
        for t in fig.findobj(Text):
            if t.get_text() and t.get_visible():
                assert unicodedata.is_normalized("NFC", t.get_text())
                assert t.get_fontname() == "DejaVu Sans", t.get_text()
                assert t.get_fontsize() * scale >= 8.4, (t.get_text(), t.get_fontsize())
        # no title, subtitle or note runs past the figure's edges (titles are wrapped to its width)
        box = fig.bbox
        for t in [fig._suptitle, *(a for ax in fig.axes for a in (ax._left_title, *ax.texts))]:
            if t is not None and t.get_text() and t.get_visible():
                e = t.get_window_extent()
                assert e.x0 >= box.x0 - 1 and e.x1 <= box.x1 + 1, t.get_text()


def test_figures_are_not_left_open_in_pyplot(tiny_card):
    before = plt.get_fignums()
    fig = plots.criteria_distribution(tiny_card, 2023, "tiny-ntm")
    assert plt.get_fignums() == before
    assert fig._repr_png_().startswith(b"\x89PNG")  # shown in notebooks without pyplot


@pytest.mark.slow
def test_png_bytes_are_reproducible(tiny_card, all_figures):
    for fig in all_figures:
        a, b = io.BytesIO(), io.BytesIO()
        plots.save(fig, a, format="png")
        plots.save(fig, b, format="png")
        assert a.getvalue() == b.getvalue() and a.getvalue().startswith(b"\x89PNG")
    # the same figure built twice gives the same bytes, also through plain savefig
    first, second = (plots.criteria_distribution(tiny_card, 2023, "tiny-ntm") for _ in range(2))
    a, b = io.BytesIO(), io.BytesIO()
    first.savefig(a, format="png", metadata={"Software": None})
    second.savefig(b, format="png", metadata={"Software": None})
    assert a.getvalue() == b.getvalue()


def test_svg_and_pdf_are_reproducible(tiny_card, tmp_path):
    fig = plots.criteria_distribution(tiny_card, 2023, "tiny-ntm")
    for fmt in ("svg", "pdf"):
        plots.save(fig, tmp_path / f"a.{fmt}")
        plots.save(fig, tmp_path / f"b.{fmt}")
        assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes(), fmt


@pytest.mark.parametrize("call, message", [
    (lambda c: plots.criteria_distribution(c, 2021, "tiny-ntm"), "năm 2021 chưa được chấm"),
    (lambda c: plots.criteria_distribution(c, 2023, "vn-2021-ntm"), "không có bộ tiêu chí 'vn-2021-ntm'"),
    (lambda c: plots.failed_groups(c, 2023, "tiny-ntm", communes=["A", "Z"]), "không có xã mã 'Z'"),
    (lambda c: plots.readiness(c, "nang_cao", year=2023), "hạng: không có hạng 'nang_cao'"),
    (lambda c: plots.readiness(c, "kieu-mau", year=2023), "không có bộ tiêu chí hạng NTM kiểu mẫu"),
    (lambda c: plots.criteria_distribution(c, "năm ngoái", "tiny-ntm"),
     "năm: 'năm ngoái' không phải là một năm"),
    (lambda c: plots.criteria_distribution(c, 2023, "tiny-ntm", lang="fr"), "ngôn ngữ: 'fr' không hỗ trợ"),
])
def test_bad_arguments_raise_parameter_error(tiny_card, call, message):
    with pytest.raises(ParameterError, match=message):
        call(tiny_card)
