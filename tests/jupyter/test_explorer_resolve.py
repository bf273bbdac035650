"""The criteria set a user names to the explorer (ntmlib.jupyter.explorer.resolve_set), resolved by
ntmlib.dataset.resolve.set_id among the sets scored that year: what worked before still works (id,
tier code, tier name in either language, any case); a set's name now works too."""
import pytest

from ntmlib.errors import ParameterError
from ntmlib.jupyter.explorer import resolve_set


@pytest.mark.parametrize("ref,sid", [
    ("tiny-nc", "tiny-nc"),
    ("TINY-NTM", "tiny-ntm"),
    ("ntm", "tiny-ntm"),
    ("nang-cao", "tiny-nc"),
    ("NTM nâng cao", "tiny-nc"),
    ("advanced NTM", "tiny-nc"),
    ("ntm nang cao", "tiny-nc"),
    ("Bộ tiêu chí thử nghiệm xã nông thôn mới nâng cao", "tiny-nc"),
    ("thu nghiem xa nong thon moi", "tiny-ntm"),
])
def test_a_set_is_named_by_id_tier_or_name(tiny_card, ref, sid):
    assert resolve_set(tiny_card, ref, 2023) == sid


@pytest.mark.parametrize("ref", ["xyz", "kieu-mau", "tiny-prov-ntm"])
def test_a_set_not_scored_that_year_names_those_that_were(tiny_card, ref):
    with pytest.raises(ParameterError) as e:
        resolve_set(tiny_card, ref, 2023)
    assert str(e.value) == (f"bộ tiêu chí: không có bộ tiêu chí '{ref}' được chấm năm 2023 "
                            "(có: tiny-ntm (NTM), tiny-nc (NTM nâng cao))")
