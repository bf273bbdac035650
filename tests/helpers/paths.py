"""Paths of the fixture data, importable from every test module."""
from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
TINY = DATA / "tiny"
LY_NHAN = Path(__file__).parents[2] / "data" / "ly-nhan"


def sample_again_in_2024(dest: Path) -> Path:
    """A copy of data/ly-nhan at `dest` with its 2023 observations entered again for 2024, a year
    the sets have no income threshold for."""
    import shutil

    shutil.copytree(LY_NHAN, dest)
    obs = dest / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    again = [line.replace(",2023,", ",2024,", 1) for line in lines[1:] if line.split(",")[1] == "2023"]
    obs.write_text("\n".join(lines + again) + "\n", encoding="utf-8")
    return dest
