"""What the programmes' services share (IP-61-1): the subjects their journal entries and deadlines name, the error
their steps raise, and the checks every step makes."""

from __future__ import annotations

import datetime as dt

from nisi.contracts.models import DomesticValueProgramme
from nisi.law import provisions

PROGRAMME_SUBJECT = "contracts_programme"
REPORT_SUBJECT = "contracts_programme_report"
Status = DomesticValueProgramme.Status


class ProgrammeError(ValueError):
    """A programme's step refused; the message says what to do, `field` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def fail(problems: list[str], field: str | None = None) -> None:
    if problems:
        raise ProgrammeError(" ".join(problems), field)


def in_force(provision: str, on: dt.date) -> None:
    try:
        provisions.require_in_force(provision, on)
    except provisions.NotInForce as exc:
        raise ProgrammeError(str(exc)) from exc


def report_subject_id(programme: DomesticValueProgramme, year: int) -> str:
    return f"{programme.number}/{year}"
