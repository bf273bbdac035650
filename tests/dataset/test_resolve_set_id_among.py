"""A criteria set named among set ids, each loaded for its name and tier (ntmlib.dataset.resolve.set_id_among),
as `ntm frameworks`, `ntm score` and `ntm whatif` resolve --set."""
from __future__ import annotations

import pytest

from ntmlib.criteria.criteria_set import available_sets
from ntmlib.dataset.resolve import set_id_among
from ntmlib.errors import ParameterError

from tests.helpers.paths import LY_NHAN


def test_an_id_a_tier_or_a_file():
    ids = available_sets()
    assert set_id_among("hanam-2022-nang-cao", ids) == "hanam-2022-nang-cao"
    assert set_id_among("nâng cao", ["hanam-2022-ntm", "hanam-2022-nang-cao"]) == "hanam-2022-nang-cao"
    assert set_id_among("Bộ tiêu chí xã nông thôn mới tỉnh Hà Nam giai đoạn 2022 - 2025", ids) == "hanam-2022-ntm"
    path = str(LY_NHAN.parent / "examples" / "tinh-mau" / "frameworks" / "tinh-mau-2026-ntm.yaml")
    assert set_id_among(path, ids) == path
    assert set_id_among("anything", []) == "anything"  # no sets to name: the caller says why


def test_an_unknown_set_names_the_closest_ids():
    with pytest.raises(ParameterError) as e:
        set_id_among("hanam-2022-nc", available_sets())
    assert [str(p) for p in e.value.problems] == [
        "bộ tiêu chí: không có bộ tiêu chí 'hanam-2022-nc'. Có phải: hanam-2022-ntm, hanam-2022-nang-cao?"]
