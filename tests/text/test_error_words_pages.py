"""Error messages of the analyses, figures and reports, the explorer, the office documents, the runner and
the command line, worded in English with --lang en; the Vietnamese line unchanged."""
import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.analysis import aggregate, reorg, whatif
from ntmlib.cli import main
from ntmlib.errors import DataError, ParameterError
from ntmlib.jupyter import explorer
from ntmlib.office.word_bulletin import Letterhead

from tests.helpers.paths import LY_NHAN, TINY


def lines(error: DataError) -> tuple[str, str]:
    """The first problem of `error` in Vietnamese (as str() says it) and in English."""
    p = error.problems[0]
    assert str(p) == p.text("vi")
    return str(p), p.text("en")


def test_an_unknown_tier():
    with pytest.raises(ParameterError) as e:
        aggregate.require_tier("xyz")
    assert lines(e.value) == ("hạng: không có hạng 'xyz' (chọn ntm, nang-cao, kieu-mau, hien-dai)",
                              "tier: no tier 'xyz' (choose ntm, nang-cao, kieu-mau, hien-dai)")


def test_an_old_commune_is_not_a_new_one_and_its_date_is_worded():
    with pytest.raises(DataError) as e:
        reorg.find_new_commune(ntmlib.load_dataset(LY_NHAN), "13573")
    assert lines(e.value) == (
        "crosswalk.csv: '13573' là xã cũ Chính Lý (mã 13573); từ 1/7/2025 xã này thuộc xã Lý Nhân, xã mới ghi là "
        "'Lý Nhân' hoặc '13573@2025-07-01'",
        "crosswalk.csv: '13573' is the former commune Chính Lý (code 13573); since 1 July 2025 it is part of the "
        "commune Lý Nhân, written 'Lý Nhân' or '13573@2025-07-01'")


def test_a_whatif_on_an_unknown_indicator_suggests_the_closest(ly_nhan_2023_card):
    s = ly_nhan_2023_card.sets["hanam-2022-ntm"]
    with pytest.raises(ParameterError) as e:
        whatif.changed_set(s, whatif.ThresholdChange(s.id, "17.1x", 90, None, None))
    assert lines(e.value) == ("chỉ tiêu: bộ hanam-2022-ntm không có chỉ tiêu '17.1x' (có phải '17.1'?)",
                              "indicator: set hanam-2022-ntm has no indicator '17.1x' (did you mean '17.1'?)")


def test_the_explorer_lists_the_sets_scored_with_their_tiers_in_the_users_language(ly_nhan_2023_card):
    with pytest.raises(ParameterError) as e:
        explorer.resolve_set(ly_nhan_2023_card, "khong-co", 2023)
    assert lines(e.value) == (
        "bộ tiêu chí: không có bộ tiêu chí 'khong-co' được chấm năm 2023 (có: hanam-2022-ntm (NTM), "
        "hanam-2022-nang-cao (NTM nâng cao), hanam-2022-kieu-mau (NTM kiểu mẫu))",
        "criteria set: no criteria set 'khong-co' was scored in 2023 (there is: hanam-2022-ntm (NTM), "
        "hanam-2022-nang-cao (advanced NTM), hanam-2022-kieu-mau (model NTM))")


def test_a_letterhead_key_that_is_not_text():
    with pytest.raises(DataError) as e:
        Letterhead.from_meta({"place": 3})
    assert lines(e.value) == ('dataset.yaml: place: cần một dòng chữ, ví dụ place: "…"',
                              'dataset.yaml: place: needs a line of text, for example place: "…"')


@pytest.mark.parametrize("args, vi, en", [
    (["whatif", str(LY_NHAN), "--year", "2023", "--set", "ntm", "--indicator", "17.1x", "--threshold", "90"],
     "Lỗi: chỉ tiêu: bộ hanam-2022-ntm không có chỉ tiêu '17.1x' (có phải '17.1'?)",
     "Error: indicator: set hanam-2022-ntm has no indicator '17.1x' (did you mean '17.1'?)"),
    (["crosswalk", str(TINY)], "  - crosswalk.csv: bộ dữ liệu Huyện thử nghiệm không có crosswalk.csv",
     "  - crosswalk.csv: dataset Huyện thử nghiệm has no crosswalk.csv"),
])
def test_the_command_line_prints_them_in_its_language(args, vi, en):
    for lang, line in (("vi", vi), ("en", en)):
        result = CliRunner().invoke(main, ["--lang", lang, *args])
        assert result.exit_code == 2 and line in result.output.splitlines(), (lang, result.output)


@pytest.mark.slow
def test_an_error_inside_a_report_notebook_comes_back_in_the_reports_language(tmp_path):
    for lang, line in (("vi", "Lỗi: năm: không có số liệu năm 2031 (có: 2022, 2023, 2026)"),
                       ("en", "Error: year: no data for 2031 (there is: 2022, 2023, 2026)")):
        result = CliRunner().invoke(main, ["--lang", lang, "report", str(LY_NHAN), "--year", "2031", "--commune",
                                           "Nhân Bình", "--out", str(tmp_path / "x.html")])
        assert result.exit_code == 2 and line in result.output.splitlines(), (lang, result.output)
