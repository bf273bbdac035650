import pytest

from tests.helpers.paths import TINY


@pytest.fixture(scope="session")
def tiny_card():
    import ntmlib

    return ntmlib.score(TINY, year=2023)
