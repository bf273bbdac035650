"""The languages ntmlib writes in, checked once for every function that takes `lang`."""
from __future__ import annotations

from ..errors import ParameterError, Problem
from ..text import LANGS, error_text


def check_lang(lang: str) -> None:
    """Raise ParameterError when `lang` is not one of LANGS ('vi', 'en')."""
    if lang not in LANGS:
        raise ParameterError(Problem(error_text("language_given"), error_text("unsupported_lang", given=lang)))
