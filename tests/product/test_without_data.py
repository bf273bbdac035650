"""A commune listed in communes.csv with no observation for the year (registered before its data
came): its report says so, its district's report counts it as without data, `ntm validate`
warns about it, and a batch renders every report."""
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.present.views import commune_report, district_report
from ntmlib.run import batch

from tests.helpers.paths import TINY


def with_new_communes(tmp_path: Path) -> Path:
    """The tiny dataset with two communes listed and no observation: Đào (E) in district Thử, whose
    other communes have data, and Giang (F), alone in a new district Mới."""
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    with open(d / "communes.csv", "a", encoding="utf-8") as f:
        f.write("E,Đào,Thử,Thử nghiệm,DBSH,2,\nF,Giang,Mới,Thử nghiệm,DBSH,2,\n")
    return d


@pytest.fixture(scope="module")
def new_communes(tmp_path_factory) -> Path:
    """with_new_communes, made once for the module; the tests only read it (checked at the end)."""
    d = with_new_communes(tmp_path_factory.mktemp("without-data"))
    before = {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()}
    yield d
    assert {p.name: p.read_bytes() for p in d.iterdir() if p.is_file()} == before, "a test changed the dataset"


@pytest.fixture(scope="module")
def batch_parts(new_communes, tmp_path_factory) -> tuple[ntmlib.Dataset, dict[str, Path]]:
    """What a batch of 2023 hands its reports: the scores file of each district, without a kernel (made once
    for the module)."""
    ds = ntmlib.load_dataset(new_communes)
    runs = batch.plan(ds, [2023])
    assert {r.stem for r in runs} >= {"2023/xa-dao-e", "2023/xa-giang-f", "2023/huyen-moi", "2023/huyen-thu"}
    card = ntmlib.score(ds, year=[2022, 2023])
    return ds, batch.write_district_scores(card, runs, tmp_path_factory.mktemp("scores"))


def test_commune_without_data_gets_a_page_that_says_so(new_communes, batch_parts):
    d, files = new_communes, batch_parts[1]
    # Đào alone (as `ntm report` makes it), Giang in a batch (from its district's file)
    for cid, name, scores in (("E", "Đào", None), ("F", "Giang", files["Mới"])):
        r = commune_report(d, cid, 2023, scores=scores)
        assert r.no_data
        assert f"Xã {name} chưa có số liệu năm 2023" in r.verdicts_html()
        assert "<section" not in r.verdicts_html()  # no verdict card counting 0/3 as 'chưa đạt'
        assert r.steps_html() == "<p>Chưa có số liệu năm 2023.</p>"
    # a commune with data is judged as before: B has data for one set, none for the other
    b = commune_report(d, "B", 2023, scores=files["Thử"])
    assert not b.no_data and "<section" in b.verdicts_html() and "chưa có số liệu năm 2023" not in b.steps_html()
    en = commune_report(d, "F", 2023, lang="en", scores=files["Mới"])
    assert "Giang has no data for 2023" in en.verdicts_html()


def test_district_report_counts_the_commune_as_without_data(new_communes, batch_parts):
    d, files = new_communes, batch_parts[1]
    thu = district_report(d, "Thử", 2023, scores=files["Thử"]).communes()
    rows = dict(zip(thu["Xã"], zip(thu["NTM"], thu["NTM nâng cao"])))
    assert rows["Đào"] == ("chưa có số liệu năm 2023", "chưa có số liệu năm 2023")
    assert rows["An"] == ("3/3 · 7/7", "1/1 · 2/2") and rows["Bình"] == ("0/3 · 3/7", "0/1 · 0/2")
    # a district whose only commune has no data yet: its report renders, the commune without data
    moi = district_report(d, "Mới", 2023, scores=files["Mới"])
    assert list(moi.communes()["NTM"]) == ["chưa có số liệu năm 2023"]
    status = moi.status()
    assert list(status["Số xã"]) == [1, 1] and list(status["Số xã đạt"]) == [0, 0]
    # no mean, no range of criteria met: not "0", not "0/3"
    assert list(status["Bình quân tiêu chí/xã"]) == ["—", "—"]
    assert list(status["Khoảng tiêu chí"]) == ["—", "—"] and list(status["Khoảng chỉ tiêu"]) == ["—", "—"]
    thu_status = district_report(d, "Thử", 2023, scores=files["Thử"]).status()
    assert list(thu_status["Khoảng tiêu chí"]) == ["0–3/3", "0–1/1"]  # Đào (and Bình in tiny-nc): no 0 at the low end


def test_batch_of_a_district_without_data_plans_its_reports(new_communes):
    # `ntm reports --district Mới`: no commune of Mới has a value in 2023; its reports are planned
    # and scored as in a batch of the whole dataset (so they say they have no data), not stopped
    ds = ntmlib.load_dataset(new_communes)
    scored, years = batch.area_dataset(ds, [2023], district="Mới")
    assert years == [2023] and scored is ds
    runs = batch.plan(scored, years, district="Mới")
    assert [r.stem for r in runs] == ["2023/xa-giang-f", "2023/huyen-moi"]
    card, _ = batch.freshness(scored, years, runs, ("html",))
    giang = card.communes[(card.communes["commune_id"] == "F") & (card.communes["year"] == 2023)]
    assert len(giang) == 2 and (giang["no_data"] == giang["indicators_total"]).all()
    # no year asked: the dataset's years, the area having none of its own
    assert batch.area_dataset(ds, None, district="Mới")[1] == [2022, 2023]
    # a district with data is cut to its communes, as before; its years are its own
    thu, years = batch.area_dataset(ds, None, district="Thử")
    assert sorted(thu.communes["commune_id"]) == ["A", "B", "C", "D", "E"] and years == [2022, 2023]
    # a year the dataset lacks is still an error naming the years there are
    with pytest.raises(ntmlib.errors.ParameterError, match="không có số liệu năm 2031"):
        batch.area_dataset(ds, [2031], district="Mới")


def test_validate_warns_about_communes_without_data(new_communes):
    d = new_communes
    problems = ntmlib.validate(d, official=False)
    assert list(problems) == []  # not an error
    texts = [str(w) for w in problems.without_data]
    assert len(texts) == 2 and all(w in problems.warnings for w in problems.without_data)
    # 2022: only A has data; 2023: every commune but E and F
    assert texts[0].startswith("communes.csv: dòng 3 (cột commune_id): xã Bình (B) chưa có số liệu năm 2022")
    assert texts[0].endswith("cùng năm còn 3 xã khác chưa có số liệu: Cao (C), Đào (E), Giang (F)")
    assert texts[1].startswith("communes.csv: dòng 6 (cột commune_id): xã Đào (E) chưa có số liệu năm 2023")
    assert texts[1].endswith("cùng năm còn 1 xã khác chưa có số liệu: Giang (F)")
    res = CliRunner().invoke(main, ["validate", str(d)])
    assert res.exit_code == 0, res.output  # warnings leave the exit status at 0
    assert "Cảnh báo — xã chưa có số liệu (2 năm" in res.output
    assert "xã Đào (E) chưa có số liệu năm 2023" in res.output
    assert "dữ liệu hợp lệ, không có vấn đề" in res.output


@pytest.mark.slow
def test_batch_renders_the_commune_without_data_and_exits_0(new_communes, tmp_path):
    d = new_communes
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["reports", str(d), "--year", "2023", "--communes", "Giang", "--formats", "html",
                                    "--jobs", "1", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "3 báo cáo: 3 đã chạy, 0 đã có sẵn và còn mới, 0 lỗi" in res.output  # Giang, its district and province
    page = (out / "2023" / "xa-giang-f.html").read_text(encoding="utf-8")
    assert "Xã Giang chưa có số liệu năm 2023" in page
    assert "chưa có số liệu năm 2023" in (out / "2023" / "huyen-moi.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_batch_of_a_district_without_data_exits_0(new_communes, tmp_path):
    d = new_communes
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["reports", str(d), "--year", "2023", "--district", "Mới", "--formats", "html",
                                    "--jobs", "1", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 báo cáo: 2 đã chạy, 0 đã có sẵn và còn mới, 0 lỗi" in res.output
    assert "Xã Giang chưa có số liệu năm 2023" in (out / "2023" / "xa-giang-f.html").read_text(encoding="utf-8")
    assert "chưa có số liệu năm 2023" in (out / "2023" / "huyen-moi.html").read_text(encoding="utf-8")
