"""Paths of the fixture data, importable from every test module."""
from pathlib import Path

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"
LY_NHAN = Path(__file__).parent.parent / "data" / "ly-nhan"
