"""The languages ntmlib writes in, checked once for every function that takes `lang`."""
from __future__ import annotations

from ..errors import ParameterError, Problem
from ..text import LANGS


def check_lang(lang: str) -> None:
    """Raise ParameterError when `lang` is not one of LANGS ('vi', 'en')."""
    if lang not in LANGS:
        raise ParameterError(Problem("ngôn ngữ", f"'{lang}' không hỗ trợ (dùng vi hoặc en)"))
