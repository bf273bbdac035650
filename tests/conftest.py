from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"


@pytest.fixture(scope="session")
def tiny_card():
    import ntmlib

    return ntmlib.score(TINY, year=2023)
