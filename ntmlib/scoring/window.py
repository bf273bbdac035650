"""Which years a report scores and shows. One rule for every way a report is made (`ntm report`,
`ntm reports`, the notebooks) and for the batch's freshness key: the report of year Y shows
every year with data up to Y, so its changes since the previous year and its trends read the
same whoever made it."""
from __future__ import annotations

from typing import Iterable

from ..errors import ParameterError, Problem


def report_years(years_with_data: Iterable[int], year: int) -> list[int]:
    """The years a report for `year` scores: every year with data up to and including `year`."""
    return sorted({int(y) for y in years_with_data if int(y) <= int(year)})


def require_year(year, years: Iterable[int], absent: str = "không có số liệu năm {year}") -> int:
    """`year` as a number when it is one of `years`; else a ParameterError that lists them
    (`absent` words the miss: 'không có số liệu năm 2031', 'năm 2021 chưa được chấm')."""
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ParameterError(Problem("năm", f"'{year}' không phải là một năm")) from None
    have = sorted(int(x) for x in years)
    if y not in have:
        raise ParameterError(Problem("năm", f"{absent.format(year=y)} (có: {', '.join(map(str, have))})"))
    return y
