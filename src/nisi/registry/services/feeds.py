"""Producers who enter or leave the register on others' information: software producers on the notices of
the informatization authority (IP-51-2), and goods wholly produced in Kazakhstan on the information of the
competent bodies and akimats (IP-51-3). Automatic removal on liquidation or reorganization (IP-51-6) is in
`organization_events`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import identifiers, validation
from nisi.core.authz import SYSTEM, Actor, allowed_actions
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import CompetentBody, Role
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.services.organizations import OrganizationError, organization_register
from nisi.law import clock
from nisi.registry import rules
from nisi.registry.models import RegisterGood, RegisterRecord, Removal, SoftwareNotice, WhollyProducedEntry
from nisi.registry.services.register import _record_for, record_remove
from nisi.scrap_metal import selectors as scrap_selectors

# Who may submit information on wholly produced goods from which source (IP-51-3.2 … 51-3.6): the role, and for a
# competent body which one (its officers' grants name it); any akimat submits its region's (IP-51-3.4, 51-3.6).
FEED_SENDERS: dict[str, tuple[str, str | None]] = {
    WhollyProducedEntry.Source.SOLID_MINERALS: (Role.COMPETENT_BODY, CompetentBody.SOLID_MINERALS),
    WhollyProducedEntry.Source.HYDROCARBONS: (Role.COMPETENT_BODY, CompetentBody.HYDROCARBONS),
    WhollyProducedEntry.Source.AGRICULTURE: (Role.COMPETENT_BODY, CompetentBody.AGRICULTURE),
    WhollyProducedEntry.Source.COMMON_MINERALS: (Role.AKIMAT, None),
    WhollyProducedEntry.Source.SCRAP: (Role.AKIMAT, None),
}


# The columns the entry's texts go into (the organization's name into the organization's).
TEXT_LIMITS = {
    **{
        column: validation.max_length(WhollyProducedEntry, column)
        for column in ("source", "identifier", "document_kind", "document_number", "hs_code", "name_ru", "unit")
    },
    "organization_name": validation.max_length(Organization, "name"),
}

NOTICE_LIMITS = {
    **{c: validation.max_length(SoftwareNotice, c) for c in ("software_name", "trusted_register_number", "quarter")},
    "organization_name": validation.max_length(Organization, "name"),
    "reasons": 10_000,  # the results of monitoring, in words (a text column: the bound is ours)
}


def may_submit_source(actor: Actor, source: str) -> bool:
    """Whether the actor's body is the one IP-51-3 names for information from `source`."""
    role, body = FEED_SENDERS[source]
    return any(g.role == role and (body is None or g.body == body) for g in actor.grants)


def sources_of(actor: Actor) -> list[str]:
    """The sources whose information the actor's body submits."""
    return [source for source in FEED_SENDERS if may_submit_source(actor, source)]


def source_refusal(actor: Actor, source: str) -> str:
    """Why the actor may not submit information from `source`, in words that say whose it is."""
    if any(g.role == Role.COMPETENT_BODY and not g.body for g in actor.grants):
        return _(
            "Your account does not say which competent body you serve, so it submits nothing: ask the "
            "administrator to set the body on your grant (IP-51-3)."
        )
    return _("Information from this source is submitted by %(body)s, not by your body.") % {
        "body": WhollyProducedEntry.Source(source).label
    }


class FeedError(ValueError):
    pass


def _scrap_from_records() -> str:
    return _(
        "Information on scrap and waste of metals is lodged from the entity's notification and its quarterly "
        "reports (IP-9.39, IP-51-3.6), not typed again: choose the notification under 'Scrap from notifications'."
    )


# Sources whose information the register reads from another part of nisi instead of having it typed: the refusal
# a typed entry or a file's row of that source gets (ADR 32).
LODGED_FROM_RECORDS: dict[str, Callable[[], str]] = {WhollyProducedEntry.Source.SCRAP: _scrap_from_records}


@dataclass(frozen=True)
class RowProblem:
    line: int
    problems: tuple[str, ...]


class FeedImportError(FeedError):
    """A file of entries with bad rows: every bad row with its line number; nothing was written."""

    def __init__(self, rows: list[RowProblem]) -> None:
        self.rows = rows
        super().__init__("; ".join(f"line {r.line}: {', '.join(r.problems)}" for r in rows) + ". Nothing was entered.")


def akimat_region(actor: Actor) -> str | None:
    """The region of an akimat's officer: its entries are that region's."""
    return next((g.region_code for g in actor.grants if g.role == Role.AKIMAT and g.region_code), None)


def blank_notice() -> SoftwareNotice:
    """A notice not yet given: `allowed_actions` on it says who may enter notices and see them (policies.py)."""
    return SoftwareNotice()


def blank_entry(actor: Actor) -> WhollyProducedEntry:
    """Information not yet given, for the actor's region if an akimat's (policies.py)."""
    return WhollyProducedEntry(region_id=akimat_region(actor))


def _organization(identifier: str, name: str, actor: Actor) -> Organization:
    organization = Organization.objects.filter(identifier=identifier).first()
    if organization is not None:
        return organization
    if not name.strip():
        raise FeedError(
            _("%(bin)s is not registered in nisi; give the organization's name to register it.") % {"bin": identifier}
        )
    try:
        return organization_register(actor=actor, identifier=identifier, name=name)
    except OrganizationError as exc:
        raise FeedError(str(exc)) from None


@transaction.atomic
def software_notice_receive(
    *,
    actor: Actor,
    identifier: str,
    kind: str,
    software_name: str,
    trusted_register_number: str,
    organization_name: str = "",
    quarter: str = "",
    reasons: str = "",
) -> SoftwareNotice:
    """Takes the informatization authority's notice and includes or excludes the producer (IP-51-2.4)."""
    if "submit" not in allowed_actions(actor, blank_notice()):
        raise FeedError(_("Notices on software producers come from the informatization authority (IP-51-2.3)."))
    rules.require_in_force("IP-51-2.4", clock.today(), FeedError)
    if kind not in SoftwareNotice.Kind.values:
        raise FeedError(_("A notice includes or excludes a software producer."))
    if not trusted_register_number.strip() or not software_name.strip():
        raise FeedError(_("Give the software and its number in the register of trusted software (IP-51-2.1)."))
    if kind == SoftwareNotice.Kind.EXCLUDE and not reasons.strip():
        raise FeedError(_("Give the results of monitoring that exclude the producer (IP-51-2.3)."))
    texts = {
        "software_name": software_name,
        "trusted_register_number": trusted_register_number,
        "quarter": quarter,
        "organization_name": organization_name,
        "reasons": reasons,
    }
    for column, text in texts.items():
        problem = validation.text_problem(text.strip(), NOTICE_LIMITS[column])
        if problem:
            raise FeedError(f"{column}: {problem}.")
    try:
        identifier = identifiers.validate(identifier)
    except identifiers.InvalidIdentifier as exc:
        raise FeedError(str(exc)) from None
    organization = _organization(identifier, organization_name, actor)
    notice = SoftwareNotice.objects.create(
        identifier=organization.identifier,
        organization=organization,
        kind=kind,
        software_name=software_name.strip(),
        trusted_register_number=trusted_register_number.strip(),
        quarter=quarter.strip(),
        reasons=reasons.strip(),
        received_at=clock.now(),
        received_by_label=actor.label,
    )
    today = clock.today()
    if kind == SoftwareNotice.Kind.INCLUDE:
        record, _opened = _record_for(organization, RegisterRecord.Basis.SOFTWARE, organization.kato, today)
        RegisterGood.objects.create(
            record=record,
            hs_code="",
            name_ru=software_name.strip(),
            annual_capacity=Decimal(0),
            unit="",
            domestic_value_share=None,
            software_register_number=trusted_register_number.strip(),
            included_on=today,
        )
        journal_append(
            actor=actor,
            subject_type="register_record",
            subject_id=record.number,
            action="included",
            payload={"software": software_name.strip(), "notice": notice.pk},
            provisions=["IP-51-2.4"],
        )
        notification_send(
            message_key="registry.included",
            params={"number": record.number, "application": "—"},
            provisions=["IP-51-2.4"],
            organization=organization,
            subject_type="register_record",
            subject_id=record.number,
        )
        notice.result, notice.record_number = f"included as {record.number}", record.number
    else:
        current = RegisterRecord.objects.filter(
            organization=organization, status=RegisterRecord.Status.INCLUDED
        ).first()
        if current is None:
            notice.result = "not in the register: nothing to exclude"
        else:
            # The authorized body removes on the notice (IP-51-2.4): the system does it as soon as it arrives.
            record_remove(
                actor=SYSTEM,
                record=current,
                ground=Removal.Ground.SOFTWARE,
                reasons=[{"notice": notice.pk, "quarter": quarter, "reasons": reasons.strip()}],
            )
            notice.result, notice.record_number = f"{current.number} removed", current.number
    notice.processed_at = clock.now()
    notice.save(update_fields=["result", "record_number", "processed_at"])
    return notice


def _entry_problems(
    *,
    source: str,
    identifier: str,
    organization_name: str,
    document_kind: str,
    document_number: str,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
    hs_code: str,
    name_ru: str,
    annual_capacity: Decimal | None,
    unit: str,
) -> list[str]:
    """What is wrong with one entry, whoever sends it (checked again by the database's constraints). Every text
    is checked against its column (length, control characters) before any query uses it, and the capacity
    against its decimal column: a file's rows reach here without a form."""
    texts = {
        "source": source,
        "identifier": identifier,
        "organization_name": organization_name,
        "document_kind": document_kind,
        "document_number": document_number,
        "hs_code": hs_code,
        "name_ru": name_ru,
        "unit": unit,
    }
    problems = [f"{c}: {p}" for c, t in texts.items() if (p := validation.text_problem(t.strip(), TEXT_LIMITS[c]))]
    bad_text = {problem.split(":", 1)[0] for problem in problems}
    if "source" not in bad_text and source not in FEED_SENDERS:
        problems.append(
            _("unknown source '%(source)s' (one of %(sources)s)")
            % {"source": source, "sources": ", ".join(FEED_SENDERS)}
        )
    if "identifier" not in bad_text:
        try:
            cleaned = identifiers.validate(identifier)
        except identifiers.InvalidIdentifier as exc:
            problems.append(str(exc))
        else:
            if not organization_name.strip() and not Organization.objects.filter(identifier=cleaned).exists():
                problems.append(_("%(bin)s is not registered in nisi: give the organization's name") % {"bin": cleaned})
    if not document_kind.strip():
        problems.append(_("give the kind of document (licence, contract or permit)"))
    if not document_number.strip():
        problems.append(_("give the number of the licence, contract or permit"))
    if valid_from is None:
        problems.append(_("give the date the document takes effect"))
    elif valid_to is not None and valid_to < valid_from:
        problems.append(_("the document cannot expire before it takes effect"))
    if (
        "hs_code" not in bad_text
        and not ClassifierCode.objects.filter(system=ClassifierCode.System.HS, code=hs_code.strip(), level=6).exists()
    ):
        problems.append(_("'%(code)s' is not a 6-digit HS 2022 code") % {"code": hs_code})
    if not name_ru.strip():
        problems.append(_("give the name of the good"))
    problems += _capacity_problems(annual_capacity)
    if not unit.strip():
        problems.append(_("give the unit of the capacity"))
    return problems


def _capacity_problems(annual_capacity: Decimal | None) -> list[str]:
    capacity = None if annual_capacity is None else Decimal(annual_capacity)
    if capacity is None or not capacity.is_finite() or capacity <= 0:
        return [_("give the annual capacity, more than zero")]
    problem = validation.decimal_field_problem(capacity, WhollyProducedEntry, "annual_capacity")
    return [_("annual_capacity: %(problem)s") % {"problem": problem}] if problem else []


@transaction.atomic
def wholly_produced_receive(
    *,
    actor: Actor,
    source: str,
    identifier: str,
    organization_name: str,
    document_kind: str,
    document_number: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    hs_code: str,
    name_ru: str,
    annual_capacity: Decimal,
    unit: str,
) -> WhollyProducedEntry:
    """Information on goods wholly produced in Kazakhstan from the body the law names for its source."""
    if source not in FEED_SENDERS:
        raise FeedError(_("Unknown source %(source)s.") % {"source": source})
    if "submit" not in allowed_actions(actor, blank_entry(actor)):
        raise FeedError(_("This information is submitted by the body that IP-51-3 names for it."))
    if not may_submit_source(actor, source):
        raise FeedError(source_refusal(actor, source))
    if source in LODGED_FROM_RECORDS:
        raise FeedError(LODGED_FROM_RECORDS[source]())
    rules.require_in_force("IP-51-3.1", clock.today(), FeedError)
    problems = _entry_problems(
        source=source,
        identifier=identifier,
        organization_name=organization_name,
        document_kind=document_kind,
        document_number=document_number,
        valid_from=valid_from,
        valid_to=valid_to,
        hs_code=hs_code,
        name_ru=name_ru,
        annual_capacity=annual_capacity,
        unit=unit,
    )
    if problems:
        text = "; ".join(problems)
        raise FeedError(text[0].upper() + text[1:] + ".")
    organization = _organization(identifiers.validate(identifier), organization_name, actor)
    document_number, hs_code = document_number.strip(), hs_code.strip()
    if WhollyProducedEntry.objects.filter(source=source, document_number=document_number, hs_code=hs_code).exists():
        raise FeedError(
            _("%(number)s for %(code)s was submitted already.") % {"number": document_number, "code": hs_code}
        )
    return WhollyProducedEntry.objects.create(
        source=source,
        identifier=organization.identifier,
        document_kind=document_kind.strip(),
        document_number=document_number,
        valid_from=valid_from,
        valid_to=valid_to,
        hs_code=hs_code,
        name_ru=name_ru.strip(),
        annual_capacity=annual_capacity,
        unit=unit.strip(),
        region_id=akimat_region(actor),
        received_at=clock.now(),
        submitted_by_id=actor.user_id,
        submitted_by_label=actor.label,
    )


IMPORT_COLUMNS = (
    "source",
    "identifier",
    "organization_name",
    "document_kind",
    "document_number",
    "valid_from",
    "valid_to",
    "hs_code",
    "name_ru",
    "annual_capacity",
    "unit",
)
IMPORT_MAX_ROWS = 5000


def _date(value: str, what: str, problems: list[str]) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        problems.append(_("%(column)s '%(value)s' is not a date like 2026-03-01") % {"column": what, "value": value})
        return None


def _amount(value: str, problems: list[str]) -> Decimal | None:
    text = value.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not text.isascii():  # Decimal() would read other scripts' digits as ours: refused, not converted
        problems.append(
            _("annual capacity '%(value)s': write the number in Latin digits (0-9), for example 12000.5")
            % {"value": value}
        )
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        problems.append(_("annual capacity '%(value)s' is not a number") % {"value": value})
        return None
    return amount if amount.is_finite() else None


def wholly_produced_rows(text: str) -> Iterable[tuple[int, dict[str, str]]]:
    """The rows of a CSV file (comma or semicolon separated, with a header of IMPORT_COLUMNS) and their lines."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise FeedImportError(
            [RowProblem(1, (_("the header lacks the columns %(columns)s") % {"columns": ", ".join(missing)},))]
        )
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line
        yield reader.line_num, {column: (row.get(column) or "") for column in IMPORT_COLUMNS}


@transaction.atomic
def wholly_produced_import(*, actor: Actor, text: str) -> list[WhollyProducedEntry]:
    """A file of entries (IP-51-3.2 … 51-3.6), all or nothing: if any row is bad, every bad row is reported with
    its line number and nothing is written (DESIGN 10)."""
    if "submit" not in allowed_actions(actor, blank_entry(actor)):
        raise FeedError(_("This information is submitted by the body that IP-51-3 names for it."))
    bad: list[RowProblem] = []
    entries: list[WhollyProducedEntry] = []
    seen: dict[tuple[str, str, str], int] = {}
    count = 0
    for line, row in wholly_produced_rows(text):
        count += 1
        if count > IMPORT_MAX_ROWS:
            bad.append(
                RowProblem(line, (_("a file has at most %(count)s rows: split it") % {"count": IMPORT_MAX_ROWS},))
            )
            break
        problems: list[str] = []
        data: dict[str, Any] = {
            **{k: row[k].strip() for k in IMPORT_COLUMNS},
            "valid_from": _date(row["valid_from"], "valid_from", problems),
            "valid_to": _date(row["valid_to"], "valid_to", problems),
            "annual_capacity": _amount(row["annual_capacity"], problems),
        }
        if data["source"] in LODGED_FROM_RECORDS:
            problems.append(LODGED_FROM_RECORDS[data["source"]]().rstrip("."))
        elif data["source"] in FEED_SENDERS and not may_submit_source(actor, data["source"]):
            problems.append(
                _("information from the source '%(source)s' is submitted by another body (IP-51-3)")
                % {"source": data["source"]}
            )
        key = (data["source"], data["document_number"], data["hs_code"])
        if key in seen:
            problems.append(_("the same document and good as line %(line)s") % {"line": seen[key]})
        seen.setdefault(key, line)
        problems += [p for p in _entry_problems(**data) if p not in problems]
        if not problems:
            try:
                with transaction.atomic():
                    entries.append(wholly_produced_receive(actor=actor, **data))
            except FeedError as exc:
                problems.append(str(exc).rstrip("."))
        if problems:
            bad.append(RowProblem(line, tuple(problems)))
    if not bad and count == 0:
        bad.append(RowProblem(1, (_("the file has no rows below the header"),)))
    if bad:
        # Raising rolls the whole transaction back: organizations registered for good rows go too.
        raise FeedImportError(bad)
    return entries


def wholly_produced_enter(*, actor: Actor, entry: WhollyProducedEntry) -> RegisterRecord:
    """The authorized body enters the goods in the register without assessment (IP-51-3.7, IP-51-1.9). Information
    whose licence, contract or permit has expired is rejected, and stays rejected (the error is raised after the
    rejection is saved)."""
    with transaction.atomic():
        entry = WhollyProducedEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != WhollyProducedEntry.Status.RECEIVED:
            raise FeedError(_("This information was dealt with already."))
        if "enter" not in allowed_actions(actor, entry):
            raise FeedError(_("Goods are entered in the register by the authorized body (IP-51-3.7)."))
        today = clock.today()
        if entry.valid_to is None or entry.valid_to >= today:
            return _enter(actor, entry, today)
        entry.status, entry.result = WhollyProducedEntry.Status.REJECTED, "the licence, contract or permit has expired"
        entry.save(update_fields=["status", "result"])
        journal_append(
            actor=actor,
            subject_type="wholly_produced_entry",
            subject_id=str(entry.pk),
            action="rejected",
            payload={"document": entry.document_number, "valid_to": entry.valid_to.isoformat()},
            provisions=["IP-51-3.7"],
        )
    raise FeedError(
        _("%(number)s expired on %(date)s.") % {"number": entry.document_number, "date": entry.valid_to.isoformat()}
    )


def _enter(actor: Actor, entry: WhollyProducedEntry, today: dt.date) -> RegisterRecord:
    organization = Organization.objects.get(identifier=entry.identifier)
    record, _opened = _record_for(organization, RegisterRecord.Basis.WHOLLY_PRODUCED, organization.kato, today)
    RegisterGood.objects.create(
        record=record,
        hs_code=entry.hs_code,
        name_ru=entry.name_ru,
        annual_capacity=entry.annual_capacity,
        unit=entry.unit,
        domestic_value_share=Decimal(100),
        wholly_produced=True,
        wholly_produced_kind=rules.WHOLLY_PRODUCED_KIND_OF_SOURCE[entry.source],
        included_on=today,
    )
    entry.status, entry.result = WhollyProducedEntry.Status.ENTERED, record.number
    entry.save(update_fields=["status", "result"])
    journal_append(
        actor=actor,
        subject_type="register_record",
        subject_id=record.number,
        action="goods_added",
        payload={"wholly_produced": entry.hs_code, "document": entry.document_number, "source": entry.source},
        provisions=["IP-51-3.7", "IP-51-1.9"],
    )
    return record


def scrap_candidates(actor: Actor) -> list[scrap_selectors.WhollyProducedScrap]:
    """The notified scrap activities the akimat may lodge for the register (its region's, with scrap collected
    reported), those not yet lodged under the same notification and code first."""
    if not may_submit_source(actor, WhollyProducedEntry.Source.SCRAP):
        return []
    return scrap_selectors.wholly_produced_candidates(actor)


def scrap_lodged(numbers: Iterable[str]) -> set[tuple[str, str]]:
    """(notification, HS code) pairs lodged already."""
    return set(
        WhollyProducedEntry.objects.filter(
            source=WhollyProducedEntry.Source.SCRAP, document_number__in=list(numbers)
        ).values_list("document_number", "hs_code")
    )


@transaction.atomic
def wholly_produced_scrap_lodge(*, actor: Actor, notification_number: str) -> list[WhollyProducedEntry]:
    """The akimat lodges the scrap and waste of metals collected by a notified entity of its region for the register
    (IP-51-3.6): the entity, the notification and the tonnes collected in its last four reported quarters are read
    from the scrap records (IP-9.39), nothing typed again. One entry per HS code not lodged yet under that
    notification; the authorized body then enters them (IP-51-3.7)."""
    if "submit" not in allowed_actions(actor, blank_entry(actor)) or not may_submit_source(
        actor, WhollyProducedEntry.Source.SCRAP
    ):
        raise FeedError(
            _("Information on scrap and waste of metals is lodged by the akimat of the site's region (IP-51-3.6).")
        )
    rules.require_in_force("IP-51-3.1", clock.today(), FeedError)
    info = scrap_selectors.wholly_produced_information(actor, notification_number)
    if info is None:
        raise FeedError(
            _("No notification %(number)s in your region: the akimat of the site's region lodges it.")
            % {"number": notification_number}
        )
    if info.valid_to is not None and info.valid_to < clock.today():
        raise FeedError(
            _("The activity under %(number)s ceased on %(date)s: its scrap is no longer lodged for the register.")
            % {"number": info.document_number, "date": info.valid_to.isoformat()}
        )
    if not info.goods:
        raise FeedError(
            _("No scrap collected is reported under %(number)s yet: the register is told what the reports show.")
            % {"number": info.document_number}
        )
    lodged = scrap_lodged([info.document_number])
    goods = [g for g in info.goods if (info.document_number, g.hs_code) not in lodged]
    if not goods:
        raise FeedError(_("%(number)s was lodged for the register already.") % {"number": info.document_number})
    organization = _organization(info.identifier, info.organization_name, actor)
    now = clock.now()
    return [
        WhollyProducedEntry.objects.create(
            source=WhollyProducedEntry.Source.SCRAP,
            identifier=organization.identifier,
            document_kind=info.document_kind,
            document_number=info.document_number,
            valid_from=info.valid_from,
            valid_to=info.valid_to,
            hs_code=good.hs_code,
            name_ru=good.name_ru,
            annual_capacity=good.annual_tonnes,
            unit="t",
            region_id=info.region_code,
            received_at=now,
            submitted_by_id=actor.user_id,
            submitted_by_label=actor.label,
        )
        for good in goods
    ]
