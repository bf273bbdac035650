"""A province brings in a "NTM hiện đại" set for 2026–2030 (none ships: no thresholds are public):
`ntm frameworks import WORKBOOK --tier hien-dai` from the exported vn-2026-ntm workbook with one
threshold raised, then the sample's 2026 communes scored with it rank hiện đại above NTM."""
from __future__ import annotations

import shutil

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from ntmlib.cli import main
from ntmlib.dataset.loading import load_dataset
from ntmlib.office.criteria_import import import_set
from ntmlib.office.criteria_workbook import export_set
from ntmlib.scoring.engine import score
from ntmlib.testing.reference import score_reference

from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN

SET_ID = "ninhbinh-2026-hien-dai"
NAME = "Bộ tiêu chí xã nông thôn mới hiện đại tỉnh Ninh Bình (dự thảo)"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _workbook(tmp_path, threshold: float, tier_cell: str | None = None):
    """The vn-2026-ntm workbook with its name and issuer those of the province, the threshold of
    5.2 (health insurance, ≥ 90 % for every commune) raised to `threshold`, and the tier of the
    'Thông tin' sheet written as `tier_cell` when given."""
    path = tmp_path / "hien-dai.xlsx"
    export_set("vn-2026-ntm", path)
    wb = openpyxl.load_workbook(path)
    info = wb["Thông tin"]
    labels = {info.cell(r, 1).value: r for r in range(1, info.max_row + 1)}
    info.cell(labels["Tên bộ tiêu chí"], 2).value = NAME
    info.cell(labels["Cơ quan ban hành"], 2).value = "UBND tỉnh Ninh Bình"
    if tier_cell:
        info.cell(labels["Hạng"], 2).value = tier_cell
    ws = wb["Chỉ tiêu"]
    col = next(c.column for c in ws[3] if c.value == "Mọi xã")
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value == "5.2")
    assert ws.cell(row, col).value == 90
    ws.cell(row, col).value = threshold
    wb.save(path)
    return path


def _dataset(tmp_path):
    """A copy of the sample whose 2026 sets are vn-2026-ntm and the imported hiện đại set, with a
    target of hiện đại communes (a tier of its sets) before its NTM target."""
    d = tmp_path / "ly-nhan"
    shutil.copytree(LY_NHAN, d)
    meta = d / "dataset.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "    sets: [vn-2026-ntm]\n" in text
    text = text.replace("    sets: [vn-2026-ntm]\n", f"    sets: [vn-2026-ntm, {SET_ID}]\n")
    assert text.count("\ntargets:\n") == 1
    meta.write_text(text.replace("\ntargets:\n", "\ntargets:\n  - {tier: hien-dai, year: 2030, share: 0.1}\n"),
                    encoding="utf-8")
    return d


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Every column as Python objects, missing values as None, so dtypes do not matter."""
    df = df.reset_index(drop=True)
    return df.astype(object).where(df.notna(), None)


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """threshold -> (the copy of the sample with the hiện đại set imported by `ntm frameworks import`
    from the workbook with 5.2 raised to `threshold`, the import's result), each made once for the module."""
    made = {}

    def get(threshold: float):
        if threshold not in made:
            tmp = tmp_path_factory.mktemp(f"hien-dai-{threshold}")
            d = _dataset(tmp)
            r = run("frameworks", "import", _workbook(tmp, threshold), "--id", SET_ID, "--tier", "hien-dai",
                    "--provisional", "--out", d / "frameworks" / f"{SET_ID}.yaml")
            made[threshold] = d, r
        return made[threshold]
    return get


@pytest.mark.parametrize("threshold", [95, 99])
def test_an_imported_modern_set_ranks_above_ntm(imported, threshold):
    d, r = imported(threshold)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[1] == "Hạng NTM hiện đại (hien-dai), bậc 2, cần đạt trước: NTM."
    ds = load_dataset(d)
    assert [(t.tier, t.year, t.share) for t in ds.targets][0] == ("hien-dai", 2030, 0.1)
    modern = next(s for s in ds.sets_for(2026) if s.id == SET_ID)
    assert (modern.tier, modern.tier_rank, modern.requires, modern.name) == ("hien-dai", 2, "ntm", NAME)
    assert modern.period == (2026, 2030) and modern.provisional_count == modern.indicators_total == 31
    ladder = ds.ladder([2026])
    assert ladder.above("ntm")[0] == "hien-dai" and ladder.rank("hien-dai") > ladder.rank("ntm")

    card = score(ds, year=2026)
    c = card.communes
    assert list(c["tier"].dtype.categories[:2]) == ["ntm", "hien-dai"] and c["tier"].dtype.ordered
    # recounted from the observations: NTM reached where the NTM set is met; hiện đại where, besides,
    # the health insurance rate reaches the raised threshold (the only threshold changed)
    ntm = c[c["set"] == "vn-2026-ntm"].set_index("commune_id")
    obs = ds.observations
    rate = obs[(obs["year"] == 2026) & (obs["indicator"] == "health_insurance_rate")]
    rate = pd.to_numeric(rate.set_index("commune_id")["value"].astype(str).str.replace(",", "."))
    reach_ntm = set(ntm.index[ntm["set_met"].fillna(False).astype(bool)])
    reach_modern = {cid for cid in reach_ntm if rate[cid] >= threshold}
    assert len(ntm) == 7 and len(reach_ntm) == 1  # Nam Xang alone meets the 2026 NTM set in the sample
    reached = ntm["tier_reached"]
    assert set(reached.index[reached == "hien-dai"]) == reach_modern
    assert set(reached.index[reached == "ntm"]) == reach_ntm - reach_modern
    assert reached.isna().sum() == 7 - len(reach_ntm)
    assert (reached[reached.notna()] >= "ntm").all()  # ordered: hien-dai above ntm
    assert len(reach_modern) == (1 if threshold <= rate[next(iter(reach_ntm))] else 0)
    # the row-by-row reference scorer (ntmlib.testing.reference) reaches the same tiers on the same ladder
    ref = score_reference(ds, list(card.sets.values()), [2026])["communes"]
    assert ref["tier_reached"].dtype == c["tier_reached"].dtype
    assert_frame_equal(_plain(c[list(ref.columns)]), _plain(ref), check_dtype=False)
    # the communes below NTM are not hiện đại whatever their values (hiện đại requires NTM)
    modern_rows = c[c["set"] == SET_ID].set_index("commune_id")
    assert not modern_rows.loc[list(set(modern_rows.index) - reach_ntm), "reaches"].any()


def test_roadmap_and_score_take_the_imported_tier(imported):
    d, _ = imported(95)
    # `ntm roadmap --target` takes the tier of the year's sets, and none other
    rm = run("roadmap", d, "--year", 2026, "--target", "hien-dai")
    assert rm.exit_code == 0 and rm.output.startswith("Lộ trình lên NTM hiện đại — năm 2026"), rm.output
    by_name = run("score", d, "--year", 2026, "--set", "NTM hiện đại", "--format", "csv")  # the tier's name
    assert by_name.exit_code == 0 and by_name.output.count(f",{SET_ID},hien-dai,") == 7, by_name.output
    bad = run("roadmap", d, "--year", 2026, "--target", "nang-cao")
    assert bad.exit_code != 0 and ("không có bộ tiêu chí hạng NTM nâng cao trong kết quả chấm (có: vn-2026-ntm, "
                                   f"{SET_ID})") in bad.output, bad.output


def test_the_tier_may_be_written_on_the_information_sheet(tmp_path):
    s = import_set(_workbook(tmp_path, 95, tier_cell="NTM hiện đại"), "tinh-hd", tmp_path / "tinh-hd.yaml")
    assert (s.tier, s.tier_rank, s.requires) == ("hien-dai", 2, "ntm")
    with pytest.raises(Exception) as e:
        import_set(_workbook(tmp_path, 95, tier_cell="NTM tối tân"), "tinh-hd", tmp_path / "tinh-hd.yaml")
    assert "hạng 'NTM tối tân' không phải một trong ntm, nang-cao, kieu-mau, hien-dai" in str(e.value)
