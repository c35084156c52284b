"""The law's rules of the unified map of industrialization, pure: no database, no I/O, explicit dates.

The unified map is "a set of industrial and innovative projects implemented by the entities of industrial and
innovative activities"; responsible state bodies, national managing holdings and akimats inform the authorized body
on its projects every quarter (IP-6.2, IP-11.8).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from nisi.core import periods
from nisi.core.periods import Period, last_ended_quarter
from nisi.law.trace import Explained

QUARTER_TERM = "industrialization_quarterly_report_term"
FIRST_YEAR = 2022  # the law (No. 86-VII of 27.12.2021) and its map start in 2022


class QuarterError(ValueError):
    """A quarter that cannot be reported; the message says which can."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# The information's period is a calendar quarter, the core's periodic report period: Quarter(2026, 1) is 2026-Q1;
# the one the quarterly information is due for (IP-6.2) is `last_ended_quarter(today)`.
Quarter = Period


def reportable_quarter(year: int, number: int, today: dt.date) -> Quarter:
    """IP-6.2, IP-11.8: information is given on a quarter that has ended; a quarter not yet ended, or before the
    law's first year, is refused with the latest quarter that may be reported."""
    if not 1 <= number <= 4:
        raise QuarterError(_("A quarter is numbered 1 to 4."), "quarter")
    quarter = Quarter(year, number)
    latest = last_ended_quarter(today)
    if quarter > latest:
        raise QuarterError(
            _(
                "The quarter %(quarter)s has not ended yet: information is given on an ended quarter (IP-6.2). The "
                "latest you may report is %(latest)s."
            )
            % {"quarter": quarter, "latest": latest},
            "quarter",
        )
    if year < FIRST_YEAR:
        raise QuarterError(
            _("Report a quarter from %(first)s on: the unified map of industrialization starts then.")
            % {"first": FIRST_YEAR},
            "year",
        )
    return quarter


def parse_quarter(text: str, today: dt.date) -> Quarter:
    """A quarter written as 2026-Q1, which must have ended by `today` (the map as at the end of it)."""
    match = re.fullmatch(r"([0-9]{4})-Q([1-4])", text.strip())
    if match is None:
        raise QuarterError(_("Write the quarter as 2026-Q1."), "as_of")
    return reportable_quarter(int(match[1]), int(match[2]), today)


def quarterly_report_due(quarter: Quarter) -> Explained[dt.date]:
    """IP-6.2, IP-11.8: the quarterly information is due within the term (a dated parameter) after the quarter's last
    day, moved to the next working day when it falls on a day off."""
    return periods.due_on(QUARTER_TERM, quarter)


# A report given after its due day is late (IP-6.2): the authorized body sees it so.
is_late = periods.is_late


# Region shapes: (code, polygons), each polygon a list of rings, each ring a list of (longitude, latitude) points; the
# first ring is the outline, the others its holes (GeoJSON's order).
Ring = Sequence[Sequence[float]]
Polygon = Sequence[Ring]
Shape = tuple[str, Sequence[Polygon]]


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    # Ray casting: count the edges a ray from the point eastwards crosses.
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _in_polygon(lon: float, lat: float, polygon: Polygon) -> bool:
    return _in_ring(lon, lat, polygon[0]) and not any(_in_ring(lon, lat, hole) for hole in polygon[1:])


def region_at(lon: float, lat: float, shapes: Iterable[Shape]) -> str | None:
    """The code of the region whose shape holds the point, or None: the point is outside Kazakhstan's territory
    (IP-6.2: the map is of projects implemented in the Republic). The shapes are the regions' own, not a bounding
    box, which would take in parts of Russia, China, Uzbekistan and the Caspian Sea."""
    for code, polygons in shapes:
        if any(_in_polygon(lon, lat, polygon) for polygon in polygons):
            return code
    return None
