"""Paths of the fixture data, importable from every test module."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout
DATA = ROOT / "tests" / "data"
TINY = DATA / "tiny"
LY_NHAN = ROOT / "data" / "ly-nhan"
EXAMPLES = ROOT / "data" / "examples"


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
