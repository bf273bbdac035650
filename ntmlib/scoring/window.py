"""Which years a report scores and shows. One rule for every way a report is made (`ntm report`,
`ntm reports`, the notebooks) and for the batch's freshness key: the report of year Y shows
every year with data up to Y, so its changes since the previous year and its trends read the
same whoever made it."""
from __future__ import annotations

from typing import Iterable

from ..errors import ParameterError, Problem
from ..text import error_text


def report_years(years_with_data: Iterable[int], year: int) -> list[int]:
    """The years a report for `year` scores: every year with data up to and including `year`."""
    return sorted({int(y) for y in years_with_data if int(y) <= int(year)})


def require_year(year, years: Iterable[int], absent: str = "no_data_year") -> int:
    """`year` as a number when it is one of `years`; else a ParameterError that lists them
    (`absent`, a key of ERROR_TEXT, words the miss: 'không có số liệu năm 2031', 'năm 2021 chưa được
    chấm')."""
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ParameterError(Problem(error_text("year_given"), error_text("not_a_year", year=year))) from None
    have = sorted(int(x) for x in years)
    if y not in have:
        missing = error_text("year_not_there", absent=error_text(absent, year=y), have=", ".join(map(str, have)))
        raise ParameterError(Problem(error_text("year_given"), missing))
    return y
