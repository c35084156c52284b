"""Who is a participant of the innovation cluster on a date, and why (AH-7.2).

A participant holds one or more bases at once: an entry of the SEZ "Park of Innovative Technologies" single
register (AH-7.2.1), a place on the Fund's list of innovation cluster actors (AH-7.2.2), a registration as an
Astana Hub actor (AH-7.2.2-1). Each basis runs from its start to the day before its end; the answer for a date is
every basis running on it, so that a dispute about a past date gets the same answer as on that date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from nisi.core import csv_import, identifiers, validation


class BasisKind(StrEnum):
    SEZ_PARTICIPANT = "sez_participant"
    CLUSTER_ACTOR = "cluster_actor"
    HUB_ACTOR = "hub_actor"


BASIS_PROVISION: dict[BasisKind, str] = {
    BasisKind.SEZ_PARTICIPANT: "AH-7.2.1",
    BasisKind.CLUSTER_ACTOR: "AH-7.2.2",
    BasisKind.HUB_ACTOR: "AH-7.2.2-1",
}


@dataclass(frozen=True)
class Basis:
    """One ground for participation: its kind, the record it comes from, and its period [starts_on, ends_on)."""

    kind: BasisKind
    reference: str
    starts_on: dt.date
    ends_on: dt.date | None  # the first day it no longer applies; None while it runs

    @property
    def provision(self) -> str:
        return BASIS_PROVISION[self.kind]

    def runs_on(self, on: dt.date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or on < self.ends_on)


def bases_on(bases: list[Basis], on: dt.date) -> list[Basis]:
    """The bases running on `on`, in the order of AH-7.2 (SEZ, cluster list, Astana Hub actor)."""
    order = list(BasisKind)
    return sorted((b for b in bases if b.runs_on(on)), key=lambda b: (order.index(b.kind), b.starts_on))


def is_participant(bases: list[Basis], on: dt.date) -> bool:
    """AH-7.2: a participant on `on` if any basis runs on that day."""
    return any(b.runs_on(on) for b in bases)


def is_hub_participant(bases: list[Basis], on: dt.date) -> bool:
    """An Astana Hub actor on `on` (AH-1.4-1) — the participants who pay membership fees (AH-10.1.4-2) and whose
    foreign workers the Fund records (AH-7-1.3)."""
    return any(b.kind is BasisKind.HUB_ACTOR and b.runs_on(on) for b in bases)


def is_cluster_actor(bases: list[Basis], on: dt.date) -> bool:
    """An innovation cluster actor on `on`: any basis of AH-7.2 — the actors whose projects the Fund may finance
    (AH-8-1.1, AH-10.2-1)."""
    return is_participant(bases, on)


# --- The records that give participation -----------------------------------------------------------------------

# Subject types of the action journal, the work queue and the documents.
HUB_ACTOR_SUBJECT = "hub_actor"
CLUSTER_ACTOR_SUBJECT = "cluster_actor_entry"
SEZ_SUBJECT = "sez_participant"
CERTIFICATE_KIND = "astana_hub_actor_certificate"

HUB_ACTOR_LETTER = "A"  # AH-A-2026-00001: a registration as an Astana Hub actor
CLUSTER_ACTOR_LETTER = "L"  # AH-L-2026-00001: an application to / entry of the list of innovation cluster actors


def record_number(letter: str, year: int, pk: int) -> str:
    """The public number of a participants' record: `AH-<letter>-<year>-<5 digits>`."""
    return f"AH-{letter}-{year}-{pk:05d}"


# A live record blocks a second one for the same legal entity: a duplicate application or registration would give
# one entity two concurrent records of the same basis (AH-8-1.5-7 registers "legal entities", once each).
LIVE_HUB_ACTOR_STATUSES = ("applied", "registered")
LIVE_CLUSTER_ACTOR_STATUSES = ("submitted", "included")


# The law names no priority directions; the Fund's operating rules (AH-8-1.5-7) register actors in the directions
# the Fund develops. Kept as one list so that the form, the API and the service check the same values.
PRIORITY_DIRECTIONS: tuple[tuple[str, Promise], ...] = (
    ("artificial_intelligence", _("Artificial intelligence and data analysis")),
    ("fintech", _("Financial technology (FinTech)")),
    ("govtech", _("Technology for government services (GovTech)")),
    ("edtech", _("Education technology (EdTech)")),
    ("healthtech", _("Health technology (HealthTech)")),
    ("agrotech", _("Agricultural technology (AgroTech)")),
    ("industry_4_0", _("Industry 4.0, the Internet of things and robotics")),
    ("cybersecurity", _("Information security")),
    ("ecommerce", _("E-commerce and logistics technology")),
    ("blockchain", _("Distributed ledgers (blockchain)")),
    ("gamedev", _("Games and creative technology")),
    ("other_ict", _("Other information and communication technology")),
)
PRIORITY_DIRECTION_CODES = frozenset(code for code, _label in PRIORITY_DIRECTIONS)


def priority_direction_label(code: str) -> str:
    return str(dict(PRIORITY_DIRECTIONS).get(code, code))


# AH-7.2.2 / AH-9.4.5: each category of the list is a status the entity holds under another act; the application
# names the document that gives it (checked by the Fund when it decides). What the Fund expects, per category:
STATUS_DOCUMENTS: dict[str, Promise] = {
    "scientific_organization": _(
        "Certificate of accreditation as a subject of scientific and scientific-technical activity"
    ),
    "venture_fund": _("Certificate of state registration and the charter of the joint-stock venture fund"),
    "educational_organization": _("Licence for educational activity"),
    "technology_park": _("Decision on accreditation as a technology park"),
    "design_bureau": _("Decision establishing the industry design bureau"),
    "commercialization_centre": _("Decision establishing the technology commercialization centre"),
    "development_institute": _("Act of the Government naming the national development institute"),
    "management_holding": _("Act of the Government establishing the national management holding"),
    "national_holding": _("Act of the Government establishing the national holding"),
    "national_company": _("Act of the Government giving the status of a national company"),
    "innovative_entity": _("Document confirming innovative activity (patent, grant agreement, innovation project)"),
}


def cluster_application_problems(category: str, status_basis: str, innovation_activity: str) -> dict[str, str]:
    """What is missing from an application to the list of innovation cluster actors (AH-7.2.2, AH-9.4.5).

    Every category needs the document that gives the status. A "legal entity engaged in innovative activities" has
    no status from another act, so the innovative activity itself is what the Fund assesses: it must be described.
    """
    problems: dict[str, str] = {}
    if category not in STATUS_DOCUMENTS:
        problems["category"] = str(_("Choose one of the categories of AH-7.2.2."))
    if not status_basis.strip():
        problems["status_basis"] = str(
            _("Name the document that gives your organization its status: its kind, number and date.")
        )
    if category == "innovative_entity" and not innovation_activity.strip():
        problems["innovation_activity"] = str(
            _("Describe the innovative activity your organization carries out: the Fund decides on it (AH-9.4.5).")
        )
    return problems


def end_date_problem(starts_on: dt.date, ends_on: dt.date, decided_on: dt.date) -> str | None:
    """Whether a termination or exclusion may take effect on `ends_on`, decided on `decided_on`.

    The law is silent. A basis ends on a date no earlier than its start (it runs [start, end)), and no earlier than
    the decision: a backdated end would rewrite who was a participant on past dates, on which fees were charged
    (AH-10.1.4-2) and foreign workers recorded (AH-7-1.3). A later date lets the Fund give notice.
    """
    if ends_on < starts_on:
        return str(_("The end date cannot be before the start date (%(start)s).") % {"start": starts_on.isoformat()})
    if ends_on < decided_on:
        return str(
            _("The end date cannot be in the past: choose today (%(today)s) or a later date.")
            % {"today": decided_on.isoformat()}
        )
    return None


# --- The single register of the SEZ "Park of Innovative Technologies" (AH-7.2.1) ------------------------------

SEZ_COLUMNS = ("bin", "register_number", "included_on", "excluded_on", "outside_territory", "name")
SEZ_REQUIRED_COLUMNS = frozenset(SEZ_COLUMNS[:3])
SEZ_NUMBER_MAX = 40  # SezParticipant.register_number
NAME_MAX = 300  # Organization.name
TRUE_WORDS = frozenset({"1", "yes", "y", "true", "да", "д", "иә", "и"})
FALSE_WORDS = frozenset({"", "0", "no", "n", "false", "нет", "н", "жоқ", "ж"})


@dataclass(frozen=True)
class SezRow:
    """One entry of the SEZ single register as read from a file: the Fund mirrors it, never decides it."""

    line: int
    bin: str
    register_number: str
    included_on: dt.date
    excluded_on: dt.date | None
    outside_territory: bool
    name: str


parse_date = csv_import.parse_date  # 2026-03-01 or 01.03.2026, as the register's extracts write it


def _control_characters(value: dict[str, str]) -> list[str]:
    return [
        str(
            _("%(column)s: it contains an invisible control character (%(character)s); type it again")
            % {"column": column, "character": character}
        )
        for column, text in value.items()
        if (character := validation.first_control_character(text))
    ]


def parse_sez_row(line: int, raw: dict[str, str]) -> tuple[SezRow | None, list[str]]:
    """Reads one row of an SEZ register file; the problems say what is wrong with it, line by line."""
    value = {k: (raw.get(k) or "").strip() for k in SEZ_COLUMNS}
    problems = _control_characters(value)
    if problems:  # nothing else of such a row is read
        return None, problems
    bin_ = value["bin"].replace(" ", "")
    try:
        bin_ = identifiers.validate(bin_)
    except identifiers.InvalidIdentifier as exc:
        problems.append(_("bin: %(problem)s") % {"problem": exc})
    if not value["register_number"]:
        problems.append(str(_("register_number: enter the number of the entry in the SEZ single register")))
    elif len(value["register_number"]) > SEZ_NUMBER_MAX:
        problems.append(
            str(_("register_number: at most %(max)s characters; check the column") % {"max": SEZ_NUMBER_MAX})
        )
    if len(value["name"]) > NAME_MAX:
        problems.append(str(_("name: at most %(max)s characters") % {"max": NAME_MAX}))
    included_on = parse_date(value["included_on"])
    if included_on is None:
        problems.append(str(_("included_on: enter the date of inclusion as 2026-03-01 or 01.03.2026")))
    excluded_on = None
    if value["excluded_on"]:
        excluded_on = parse_date(value["excluded_on"])
        if excluded_on is None:
            problems.append(
                str(_("excluded_on: enter the date of exclusion as 2026-03-01 or 01.03.2026, or leave it empty"))
            )
        elif included_on is not None and excluded_on < included_on:
            problems.append(str(_("excluded_on: the date of exclusion is before the date of inclusion")))
    flag = value["outside_territory"].lower()
    if flag not in TRUE_WORDS | FALSE_WORDS:
        problems.append(str(_("outside_territory: write yes or no (or leave it empty for no)")))
    if problems or included_on is None:
        return None, problems
    return (
        SezRow(
            line=line,
            bin=bin_,
            register_number=value["register_number"],
            included_on=included_on,
            excluded_on=excluded_on,
            outside_territory=flag in TRUE_WORDS,
            name=value["name"],
        ),
        [],
    )


def hub_actor_applicant_problem(identifier_kind: str, liquidated_on: dt.date | None, on: dt.date) -> str | None:
    """Astana Hub actors are legal entities (AH-1.4-1): an individual (IIN) or a liquidated entity is not registered."""
    if identifier_kind != "BIN":
        return str(_("Only legal entities, identified by a BIN, are registered as Astana Hub actors (AH-1.4-1)."))
    if liquidated_on is not None and liquidated_on <= on:
        return str(_("This legal entity is liquidated; a liquidated entity cannot be registered (AH-1.4-1)."))
    return None
