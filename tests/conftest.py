"""The scored datasets many tests read, scored once per session: the sample data/ly-nhan and the
hand-made tests/data/tiny, each for both its years and for 2023 alone.

They are shared, so no test may change them: a test that needs a changed scorecard makes its own
(dataclasses.replace, DataFrame.copy). Each fixture checks at the end of the session that its
tables are still what scoring returned, and fails naming the table otherwise."""
from pathlib import Path

import pytest

import ntmlib
from ntmlib.run import batch
from ntmlib.scoring.window import report_years

from tests.helpers import clients
from tests.helpers.frames import assert_frame_equal
from tests.helpers.paths import LY_NHAN, TINY

TABLES = ("indicators", "criteria", "communes")


def _shared(path, year):
    card = ntmlib.score(path, year=year)
    before = {name: getattr(card, name).copy(deep=True) for name in TABLES}
    sets = dict(card.sets)
    yield card
    for name, frame in before.items():
        assert_frame_equal(getattr(card, name), frame, obj=f"{name} of the shared scorecard (changed)")
    assert card.sets.keys() == sets.keys(), "a test changed the sets of the shared scorecard"
    assert all(card.sets[k] is v for k, v in sets.items()), "a test changed the sets of the shared scorecard"


@pytest.fixture(scope="session")
def ly_nhan_card():
    """The sample dataset data/ly-nhan scored for all its years (2022, 2023 and 2026)."""
    yield from _shared(LY_NHAN, None)


@pytest.fixture(scope="session")
def ly_nhan_2023_card():
    """The sample dataset data/ly-nhan scored for 2023 only."""
    yield from _shared(LY_NHAN, 2023)


@pytest.fixture(scope="session")
def tiny_card():
    """tests/data/tiny scored for 2023 only."""
    yield from _shared(TINY, 2023)


@pytest.fixture(scope="session")
def tiny_both_years_card():
    """tests/data/tiny scored for all its years (2022, 2023 and 2026)."""
    yield from _shared(TINY, None)


@pytest.fixture(scope="session")
def ly_nhan_2023_scores(tmp_path_factory) -> Path:
    """The scores file a batch of the sample's 2023 reports hands its district Lý Nhân (its years
    2022–2023 scored once, with the trends worked out), written once per session: a test that
    makes many reports of the sample passes it as `scores=` instead of scoring the sample for each
    (tests/scoring/test_cache.py checks that reports read the same tables from it)."""
    ds = ntmlib.load_dataset(LY_NHAN)
    runs = [r for r in batch.plan(ds, [2023]) if r.district == "Lý Nhân"]
    card = ntmlib.score(ds, year=report_years(ds.years, 2023))
    return batch.write_district_scores(card, runs, tmp_path_factory.mktemp("scores"))["Lý Nhân"]


@pytest.fixture(scope="session")
def ly_nhan_2023_workbook(ly_nhan_2023_card, tmp_path_factory) -> Path:
    """The score workbook of the sample's 2023 scores (`ntm score data/ly-nhan --year 2023 --format xlsx`),
    written once per session for the tests that read it (not to be changed)."""
    from ntmlib.office.score_workbook import write_score_workbook

    path = write_score_workbook(ly_nhan_2023_card, tmp_path_factory.mktemp("workbook") / "diem-2023.xlsx")
    before = path.read_bytes()
    yield path
    assert path.read_bytes() == before, "a test changed the shared score workbook"


@pytest.fixture(scope="session")
def chromium() -> str:
    """The path of headless Chromium; tests using it skip without one (fail with NTM_REQUIRE_CLIENTS=1)."""
    return clients.chromium()
