"""One resolver for a commune that may be an old commune of communes.csv or a new one of the 2025
crosswalk (ntmlib.analysis.reorg.find_commune), used by `ntm report` and the report view."""
from __future__ import annotations

import pytest

from ntmlib.analysis.reorg import find_commune
from ntmlib.dataset.loading import load_dataset
from ntmlib.errors import ParameterError
from ntmlib.present.views import commune_report

from tests.helpers.paths import LY_NHAN, TINY


@pytest.fixture(scope="module")
def ds():
    return load_dataset(LY_NHAN)


@pytest.mark.parametrize("ref, found", [
    ("Nguyên Lý", ("13570", None)), ("nguyen ly", ("13570", None)), ("13570", ("13570", None)),
    ("13573", ("13573", None)),  # a code communes.csv knows is the old commune, though the new Lý Nhân reuses it
    ("Nam Xang", (None, "13591@2025-07-01")), ("13591@2025", (None, "13591@2025-07-01")),
    ("Lý Nhân", (None, "13573@2025-07-01")),
])
def test_old_or_new_commune(ds, ref, found):
    assert find_commune(ds, ref) == found


def test_neither_is_an_error_with_the_closest_names(ds):
    with pytest.raises(ParameterError) as e:
        find_commune(ds, "Nhân Bìn")
    assert [str(p) for p in e.value.problems] == [
        "communes.csv: không có xã 'Nhân Bìn'. Có phải: Nhân Bình, Nhân Thịnh, Nhân Chính?"]
    with pytest.raises(ParameterError) as e:
        find_commune(load_dataset(TINY), "X@2025")  # no crosswalk: the old communes' error
    assert str(e.value.problems[0]).startswith("communes.csv: không có xã 'X@2025'")


def test_the_report_view_takes_both(ds):
    assert commune_report(ds, "Nam Xang", 2023).key == "13591@2025-07-01"
    assert commune_report(ds, "nguyen ly", 2023).commune_id == "13570"
    with pytest.raises(ParameterError) as e:
        commune_report(ds, "Không có", 2023)
    assert "không có xã 'Không có' trong bộ dữ liệu" in str(e.value.problems[0])
    assert "xã mới sau sắp xếp: " in str(e.value.problems[0])
