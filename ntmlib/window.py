"""Which years a report scores and shows. One rule for every way a report is made (`ntm report`,
`ntm reports`, the notebooks) and for the batch's freshness key: the report of year Y shows
every year with data up to Y, so its changes since the previous year and its trends read the
same whoever made it."""
from __future__ import annotations

from typing import Iterable


def report_years(years_with_data: Iterable[int], year: int) -> list[int]:
    """The years a report for `year` scores: every year with data up to and including `year`."""
    return sorted({int(y) for y in years_with_data if int(y) <= int(year)})
