"""One report window and one provenance record: the same report whoever makes it, a provenance
table that names every input by its full SHA-256, and a batch that reruns exactly the reports
whose inputs changed."""
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import ntmlib
from ntmlib.cli import main
from ntmlib.criteria.criteria_set import FRAMEWORK_DIR
from ntmlib.present.views import commune_report, provenance_table
from ntmlib.run import batch
from ntmlib.scoring.cache import read_scorecard, write_scorecard
from ntmlib.scoring.window import report_years

from tests.helpers.paths import TINY


def two_period_dataset(tmp_path: Path) -> Path:
    """The tiny dataset, with its nâng cao set copied as tiny-nc-2023 for 2023 only."""
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    nc = (d / "frameworks" / "tiny-nc.yaml").read_text(encoding="utf-8")
    (d / "frameworks" / "tiny-nc-2023.yaml").write_text(nc.replace("id: tiny-nc", "id: tiny-nc-2023"), encoding="utf-8")
    obs = (d / "observations.csv").read_text(encoding="utf-8")
    (d / "observations.csv").write_text(obs.replace(",tiny-nc,", ",tiny-nc-2023,"), encoding="utf-8")
    meta = (d / "dataset.yaml").read_text(encoding="utf-8")
    meta = meta.replace("  - years: [2021, 2025]\n    sets: [tiny-ntm, tiny-nc]",
                        "  - years: [2021, 2022]\n    sets: [tiny-ntm, tiny-nc]\n"
                        "  - years: [2023, 2025]\n    sets: [tiny-ntm, tiny-nc-2023]")
    (d / "dataset.yaml").write_text(meta, encoding="utf-8")
    return d


def test_report_window_is_every_year_with_data_up_to_the_year():
    assert report_years([2021, 2023, 2022, 2025], 2023) == [2021, 2022, 2023]
    assert report_years([2022, 2023], 2022) == [2022]
    ds = ntmlib.load_dataset(TINY)
    assert commune_report(ds, "C", 2023).card.years == [2022, 2023]
    assert commune_report(ds, "C", 2022).card.years == [2022]


def test_provenance_record_hashes_every_input_in_full():
    card = ntmlib.score(TINY)
    p = card.provenance
    files = p.files()
    for name in ("communes.csv", "observations.csv", "recognitions.csv", "dataset.yaml", "frameworks/tiny-ntm.yaml",
                 "frameworks/tiny-nc.yaml"):
        assert files[name] == hashlib.sha256((TINY / name).read_bytes()).hexdigest()
    assert p.years == (2022, 2023) and p.version == ntmlib.__version__ and set(p.set_files) == {"tiny-ntm", "tiny-nc"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+7", p.created)
    table = provenance_table(card)
    assert list(table.iloc[:3, 1]) == [ntmlib.__version__, "tiny-ntm, tiny-nc", "2022, 2023"]
    assert "SHA-256 của tệp frameworks/tiny-ntm.yaml" in set(table.iloc[:, 0])
    # the sets a provincial set extends are inputs too
    prov = ntmlib.score(TINY, sets=["tiny-prov-ntm"], year=2023).provenance
    assert {Path(f).name for f in prov.set_files["tiny-prov-ntm"]} == {"tiny-prov-ntm.yaml", "tiny-ntm.yaml"}


def test_provenance_travels_through_the_score_cache(tmp_path, tiny_both_years_card):
    card = tiny_both_years_card
    again = read_scorecard(write_scorecard(card, tmp_path / "c.pkl"))
    assert again.provenance.digest() == card.provenance.digest()
    assert again.provenance.files() == card.provenance.files()


@pytest.mark.slow
def test_changed_threshold_changes_the_provenance_table_and_reruns_exactly_the_affected_reports(tmp_path):
    d, out = two_period_dataset(tmp_path), tmp_path / "out"
    first = batch.run_batch(d, years=[2022, 2023], out=out, jobs=1, progress=False, formats=("html",))
    assert first.ok and (first.planned, first.executed) == (10, 10)
    before = {y: provenance_table(commune_report(d, "C", y).card) for y in (2022, 2023)}

    set_file = d / "frameworks" / "tiny-nc-2023.yaml"
    text = set_file.read_text(encoding="utf-8")
    assert "threshold: 95" in text
    set_file.write_text(text.replace("threshold: 95", "threshold: 90"), encoding="utf-8")

    after = {y: provenance_table(commune_report(d, "C", y).card) for y in (2022, 2023)}
    row = "SHA-256 của tệp frameworks/tiny-nc-2023.yaml"  # the time row differs from run to run: compare the hashes
    hashes = lambda t: dict(zip(t.iloc[:, 0], t.iloc[:, 1]))  # noqa: E731
    assert row not in hashes(before[2022]) and row not in hashes(after[2022])
    assert {k: v for k, v in hashes(before[2022]).items() if "SHA-256" in k} == \
           {k: v for k, v in hashes(after[2022]).items() if "SHA-256" in k}
    assert hashes(before[2023])[row] != hashes(after[2023])[row] == hashlib.sha256(set_file.read_bytes()).hexdigest()

    second = batch.run_batch(d, years=[2022, 2023], out=out, jobs=1, progress=False, formats=("html",))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert second.ok and (second.executed, second.skipped) == (5, 5)  # the 2023 reports, not the 2022 ones
    redone = {r["stem"] for r in manifest["runs"] if r["inputs"].get("frameworks/tiny-nc-2023.yaml")}
    assert redone == {"2023/xa-an-a", "2023/xa-binh-b", "2023/xa-cao-c", "2023/huyen-thu", "2023/tinh-thu-nghiem"}
    html = (out / "2023/xa-cao-c.html").read_text(encoding="utf-8")
    assert hashlib.sha256(set_file.read_bytes()).hexdigest() in html


def tables_of(html: str) -> list[str]:
    """The tables of a report page, with the one time that differs from run to run blanked."""
    tables = re.findall(r"<table.*?</table>", html, re.S)
    return [re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\+7", "TIME", t) for t in tables]


@pytest.mark.slow
def test_same_commune_report_from_ntm_report_and_from_batches_of_different_years(tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["report", str(TINY), "--commune", "C", "--year", "2023",
                               "--out", str(tmp_path / "alone.html")])
    assert res.exit_code == 0, res.output
    for name, years in (("one", ["--year", "2023"]), ("two", ["--year", "2022", "--year", "2023"])):
        res = runner.invoke(main, ["reports", str(TINY), *years, "--communes", "C", "--formats", "html",
                                   "--jobs", "1", "--out", str(tmp_path / name)])
        assert res.exit_code == 0, res.output
    alone = tables_of((tmp_path / "alone.html").read_text(encoding="utf-8"))
    assert len(alone) >= 4
    for name in ("one", "two"):
        assert tables_of((tmp_path / name / "2023/xa-cao-c.html").read_text(encoding="utf-8")) == alone


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_periods_list_the_set_files_of_both_in_the_provenance_table(tmp_path):
    d = two_period_dataset(tmp_path)
    card = commune_report(d, "C", 2023).card  # shows 2022 (tiny-nc) and 2023 (tiny-nc-2023)
    assert card.years == [2022, 2023]
    rows = dict(zip(*(provenance_table(card).iloc[:, i] for i in (0, 1))))
    assert rows["Bộ tiêu chí"] == "tiny-ntm, tiny-nc, tiny-nc-2023"
    for name in ("tiny-ntm.yaml", "tiny-nc.yaml", "tiny-nc-2023.yaml"):
        assert rows[f"SHA-256 của tệp frameworks/{name}"] == sha(d / "frameworks" / name)
    only_2022 = dict(zip(*(provenance_table(commune_report(d, "C", 2022).card).iloc[:, i] for i in (0, 1))))
    assert "SHA-256 của tệp frameworks/tiny-nc-2023.yaml" not in only_2022
    assert only_2022["SHA-256 của tệp frameworks/tiny-nc.yaml"] == sha(d / "frameworks" / "tiny-nc.yaml")


def keys(d: Path, years=(2022, 2023)) -> dict[str, str]:
    """The freshness key of every report a batch of `years` plans, without running one."""
    ds = ntmlib.load_dataset(d)
    runs = batch.plan(ds, list(years))
    batch.freshness(ds, list(years), runs, ("html",))
    return {r.stem: r.key for r in runs}


def test_batch_freshness_key_follows_the_data_and_the_sets_of_both_periods(tmp_path):
    d = two_period_dataset(tmp_path)
    before = keys(d)
    assert len(before) == 10 and len(set(before.values())) == 10  # per year: 3 communes, the district, the province
    changed = lambda a, b: {s for s in a if a[s] != b[s]}  # noqa: E731
    y2022 = {s for s in before if s.startswith("2022/")}
    y2023 = set(before) - y2022
    # the 2022 period's set: the 2022 reports and the 2023 ones (they show 2022 too)
    f = d / "frameworks" / "tiny-nc.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("threshold: 95", "threshold: 94"), encoding="utf-8")
    after_old = keys(d)
    assert changed(before, after_old) == y2022 | y2023
    # the 2023 period's set: the 2023 reports only
    f = d / "frameworks" / "tiny-nc-2023.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("threshold: 95", "threshold: 94"), encoding="utf-8")
    after_new = keys(d)
    assert changed(after_old, after_new) == y2023
    # one value of the data: every report, whose provenance holds the whole file
    obs = d / "observations.csv"
    text = obs.read_text(encoding="utf-8")
    assert text.count("C,2023,tiny-ntm,1.1,92\n") == 1
    obs.write_text(text.replace("C,2023,tiny-ntm,1.1,92\n", "C,2023,tiny-ntm,1.1,93\n"), encoding="utf-8")
    after_data = keys(d)
    assert changed(after_new, after_data) == set(before)
    assert keys(d) == after_data  # nothing changed: every report stays up to date


def test_batch_freshness_key_stays_when_the_dataset_folder_moves(tmp_path):
    d = two_period_dataset(tmp_path)
    before = keys(d)
    moved = tmp_path / "elsewhere" / "on" / d.name
    moved.parent.mkdir(parents=True)
    shutil.move(d, moved)
    assert keys(moved) == before  # the same files under another parent: every report stays up to date
    renamed = moved.with_name(d.name + "-2")
    moved.rename(renamed)
    assert set(keys(renamed).values()).isdisjoint(before.values())  # another name is another dataset


def test_a_file_edited_in_place_to_the_same_size_gets_a_new_hash(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    obs = d / "observations.csv"
    first = ntmlib.score(d, year=2023).provenance
    assert first.data["observations.csv"] == sha(obs)
    st = obs.stat()
    with open(obs, "r+b") as f:  # C's 92 -> 93 in place: same size
        at = f.read().index(b"C,2023,tiny-ntm,1.1,92")
        f.seek(at + len(b"C,2023,tiny-ntm,1.1,9"))
        f.write(b"3")
    os.utime(obs, ns=(st.st_atime_ns, st.st_mtime_ns))  # as a copy that keeps the time would leave it
    assert obs.stat().st_size == st.st_size and obs.stat().st_mtime_ns == st.st_mtime_ns
    second = ntmlib.score(d, year=2023).provenance
    assert second.data["observations.csv"] == sha(obs) != first.data["observations.csv"]
    assert second.digest() != first.digest()
    value = ntmlib.score(d, year=2023).indicators
    assert value[(value["commune_id"] == "C") & (value["indicator"] == "1.1") & (value["set"] == "tiny-ntm")][
        "number"].tolist() == [93.0]


def test_set_files_are_named_portably_and_apart(tmp_path):
    d = tmp_path / "d"
    shutil.copytree(TINY, d)
    builtin = FRAMEWORK_DIR / "vn-2021-ntm.yaml"
    # a dataset's own set of the same file name as a built-in one
    own = (d / "frameworks" / "vn-2021-ntm.yaml")
    own.write_text(builtin.read_text(encoding="utf-8").replace("id: vn-2021-ntm", "id: vn-2021-ntm-own"),
                   encoding="utf-8")
    prov = ntmlib.score(d, year=2023).provenance
    names = {prov.name(own), prov.name(builtin), prov.name(d / "observations.csv")}
    assert names == {"frameworks/vn-2021-ntm.yaml", f"ntmlib:vn-2021-ntm.yaml@{ntmlib.__version__}",
                     "observations.csv"}
    sample = ntmlib.score("data/ly-nhan", year=2023).provenance
    assert sample.sets["hanam-2022-ntm"] == {
        f"ntmlib:hanam-2022-ntm.yaml@{ntmlib.__version__}": sha(FRAMEWORK_DIR / "hanam-2022-ntm.yaml"),
        f"ntmlib:vn-2021-ntm.yaml@{ntmlib.__version__}": sha(FRAMEWORK_DIR / "vn-2021-ntm.yaml")}
    record = json.dumps(sample.to_dict(), ensure_ascii=False)
    assert sample.to_dict()["dataset"] == "ly-nhan"
    assert str(Path("data").resolve()) not in record and str(FRAMEWORK_DIR) not in record
    assert not re.search(r'"/', record)  # no absolute path of the machine


def test_batch_manifest_names_no_path_of_the_machine(tmp_path):
    d = two_period_dataset(tmp_path)
    out = tmp_path / "out"
    res = batch.run_batch(d, years=[2023], out=out, jobs=1, progress=False, kinds=())  # nothing to render
    assert res.planned == 0
    text = (out / "manifest.json").read_text(encoding="utf-8")
    m = json.loads(text)
    assert m["dataset"] == "../d" and m["provenance"]["dataset"] == "d"
    assert set(m["provenance"]["sets"]["tiny-nc-2023"]) == {"frameworks/tiny-nc-2023.yaml"}
    assert str(tmp_path) not in text and not re.search(r'"/', text)
