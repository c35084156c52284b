"""The law's rules for scrap and waste of ferrous and non-ferrous metals, pure: no database, no I/O, explicit dates.

IP-9.39: the authorized body regulates the collection (procurement), storage, processing and sale of scrap and waste
of non-ferrous and ferrous metals by requirements for the legal entities that carry it out "in a notification
procedure", and by "the form and deadlines for reporting ... on purchased and sold scrap and waste". The scrap and
waste collected or generated in Kazakhstan are goods wholly produced there (IP-51-3.1.3), which the akimat lodges for
the register (IP-51-3.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from nisi.core import periods
from nisi.core.periods import Period, last_ended_quarter, quarter_of
from nisi.law.trace import Explained

REPORT_TERM = "scrap_metal_report_term"
FIRST_YEAR = 2022  # the law (No. 86-VII of 27.12.2021) and its IP-9.39 apply from 2022

# The 6-digit HS 2022 subheadings of waste and scrap of ferrous metals (heading 7204) and of non-ferrous metals
# (copper 7404, nickel 7503, aluminium 7602, lead 7802, zinc 7902, tin 8002): what IP-9.39 and IP-51-3.1.3 mean by
# "scrap and waste of non-ferrous and ferrous metals".
FERROUS_CODES = ("720410", "720421", "720429", "720430", "720441", "720449", "720450")
NON_FERROUS_CODES = ("740400", "750300", "760200", "780200", "790200", "800200")
SCRAP_CODES = FERROUS_CODES + NON_FERROUS_CODES
MAX_TONNES = Decimal("100000000")  # a period's tonnes at one site: the column holds 11 digits before the point


class ScrapError(ValueError):
    """A refusal that says what to do; `field` names the answer it concerns, when one does."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# The report's period is a calendar quarter, the core's periodic report period: Quarter(2026, 1) is 2026-Q1; the
# one a report is due for (IP-9.39) is `last_ended_quarter(today)`.
Quarter = Period


def parse_quarter(text: str) -> Quarter:
    """A period written 2026-Q1 (or 2026 Q1, 2026-1)."""
    quarter = periods.parse(text, periods.Periodicity.QUARTER)
    if quarter is None:
        raise ScrapError(_("Write the period as a year and a quarter, for example 2026-Q1."), "period")
    return quarter


def metal_of(hs_code: str) -> str:
    """Ferrous (heading 7204) or non-ferrous (the other scrap headings) scrap, IP-9.39; a code of no scrap heading
    is refused with the codes that are."""
    if hs_code in FERROUS_CODES:
        return "ferrous"
    if hs_code in NON_FERROUS_CODES:
        return "non_ferrous"
    raise ScrapError(
        _("'%(code)s' is not an HS code of waste and scrap of metals; use one of %(codes)s.")
        % {"code": hs_code, "codes": ", ".join(SCRAP_CODES)},
        "hs_code",
    )


def notification_problem(starts_on: dt.date, notified_on: dt.date) -> str | None:
    """IP-9.39: the activity is carried out "in a notification procedure": the notification comes before the
    activity starts, so an activity said to have started before the day it is notified is refused."""
    if starts_on < notified_on:
        return _(
            "The notification is lodged before the activity starts (IP-9.39): give a start on %(day)s or later, "
            "or notify again from the day you will start."
        ) % {"day": notified_on.isoformat()}
    return None


def reportable_quarter(quarter: Quarter, *, today: dt.date, starts_on: dt.date, ceased_on: dt.date | None) -> Quarter:
    """IP-9.39: a report covers a period that has ended, during which the notified activity was carried out. A
    period not yet ended (a future period) is refused with the latest that may be reported; so is one before the
    activity started or after it ceased, or before the law's first year."""
    latest = last_ended_quarter(today)
    if quarter > latest:
        raise ScrapError(
            _(
                "The period %(period)s has not ended yet: a report covers an ended period (IP-9.39). The latest "
                "you may report is %(latest)s."
            )
            % {"period": quarter, "latest": latest},
            "period",
        )
    if quarter.year < FIRST_YEAR:
        raise ScrapError(_("Report a period from %(first)s on.") % {"first": FIRST_YEAR}, "period")
    if quarter.last_day < starts_on:
        raise ScrapError(
            _("The activity started on %(day)s, after %(period)s ended: report the periods from %(first)s on.")
            % {"day": starts_on.isoformat(), "period": quarter, "first": quarter_of(starts_on)},
            "period",
        )
    if ceased_on is not None and quarter.first_day > ceased_on:
        raise ScrapError(
            _("The activity ceased on %(day)s, before %(period)s began: nothing is reported for it.")
            % {"day": ceased_on.isoformat(), "period": quarter},
            "period",
        )
    return quarter


def report_due(quarter: Quarter) -> Explained[dt.date]:
    """IP-9.39: the report is due within the term the authorized body sets (a dated parameter) after the period's
    last day, moved to the next working day when it falls on a day off."""
    return periods.due_on(REPORT_TERM, quarter)


# A report given after its due day is late: it is recorded, and the akimat and the authorized body see it so.
is_late = periods.is_late


def tonnes_problem(value: Decimal) -> str | None:
    """Tonnes are zero or more, with at most three decimal places (kilograms)."""
    if not value.is_finite() or value < 0 or value >= MAX_TONNES:
        return _("Give the tonnes as a number from 0, for example 125.5")
    if value.as_tuple().exponent < -3:  # type: ignore[operator]
        return _("Give the tonnes with at most three decimal places (kilograms)")
    return None


@dataclass(frozen=True)
class Volume:
    hs_code: str
    bought: Decimal
    sold: Decimal


def annual_collected(volumes: Iterable[Volume]) -> dict[str, Decimal]:
    """IP-51-3.1.3, 51-3.6: scrap and waste collected in Kazakhstan are goods wholly produced; the yearly quantity
    lodged for the register is what the activity collected (bought) in its last four reported periods, by HS code.
    Codes with nothing bought are left out."""
    totals: dict[str, Decimal] = {}
    for volume in volumes:
        totals[volume.hs_code] = totals.get(volume.hs_code, Decimal(0)) + volume.bought
    return {code: total for code, total in sorted(totals.items()) if total > 0}


# The goods' names as the register keeps them (in Russian, `name_ru`), after the HS 2022 subheadings.
NAMES_RU = {
    "720410": "Отходы и лом литейного чугуна",
    "720421": "Отходы и лом коррозионностойкой стали",
    "720429": "Отходы и лом легированной стали, прочие",
    "720430": "Отходы и лом черных металлов, луженых",
    "720441": "Токарная стружка, обрезки, обломки черных металлов",
    "720449": "Отходы и лом черных металлов, прочие",
    "720450": "Слитки черных металлов для переплавки",
    "740400": "Отходы и лом медные",
    "750300": "Отходы и лом никелевые",
    "760200": "Отходы и лом алюминиевые",
    "780200": "Отходы и лом свинцовые",
    "790200": "Отходы и лом цинковые",
    "800200": "Отходы и лом оловянные",
}
