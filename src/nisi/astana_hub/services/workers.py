"""Records of foreign workers of the Fund and of Astana Hub actors: the worker, the documents certifying their
qualification, family members, end of employment (AH-7-1.2 … 7-1.4); visas are in services/worker_visas.py and the
submissions in services/submissions.py. Every write is one transaction, checked by the one authorization function
and journaled.

Participation of the employer on a date has one answer, `participation.is_hub_participant` (ADR 7); the service
calls it itself (`is_hub_actor` defaults to it), on the date it has validated, inside its transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.astana_hub import participation
from nisi.astana_hub.models import FamilyMember, ForeignWorker, QualificationDocument
from nisi.astana_hub.rules import workers as rules
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline, Organization
from nisi.core.roles import OFFICER_ROLES
from nisi.core.services.audit import audit_record
from nisi.core.services.deadlines import deadline_cancel
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock, params

SUBJECT = rules.WORKER_SUBJECT
VISA_SUBJECT = rules.VISA_SUBJECT
HubParticipation = Callable[[int, dt.date], bool]
DOCUMENT_TYPES = {"application/pdf", "image/jpeg", "image/png"}
SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))
PERSONAL_DATA_VIEWED = "personal_data_viewed"


class WorkerError(Exception):
    """A refusal with what to do instead; nothing was written."""


def _clean(value: str, what: str, max_length: int) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise WorkerError(_("Enter the %(what)s.") % {"what": what})
    if len(value) > max_length:
        raise WorkerError(
            _("The %(what)s is too long (%(max)s characters at most).") % {"what": what, "max": max_length}
        )
    return value


def _citizenship(citizenship: str, stateless: bool) -> str:
    code = (citizenship or "").strip().upper()
    if stateless:
        if code:
            raise WorkerError(_("A stateless person has no citizenship: leave the citizenship empty."))
        return ""
    if len(code) != 3 or not code.isalpha():
        raise WorkerError(_("Enter the citizenship as a three-letter country code (ISO 3166-1 alpha-3), e.g. DEU."))
    if code == "KAZ":
        raise WorkerError(
            _("A citizen of Kazakhstan is not a foreign worker (AH-7-1): these records are for foreigners only.")
        )
    return code


def sniff(head: bytes) -> str | None:
    """The content type the file's first bytes show (PDF, JPEG or PNG), whatever its name says."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def _checked_file(upload: IO[bytes], name: str) -> tuple[str, str]:
    """Checks a document's real type and size; returns (content type, sha256)."""
    content_type = sniff(upload.read(16))
    if content_type not in DOCUMENT_TYPES:
        raise WorkerError(_("%(name)s is not a PDF, JPEG or PNG file: upload a scan or a PDF.") % {"name": name})
    upload.seek(0, 2)
    size = upload.tell()
    limit_mb = settings.NISI_EVIDENCE_MAX_MB["document"]
    if size > limit_mb * 1024 * 1024:
        raise WorkerError(
            _("%(name)s is larger than %(mb)s MB; upload a smaller file.") % {"name": name, "mb": limit_mb}
        )
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return content_type, digest.hexdigest()


def fund_organization(on: dt.date) -> Organization | None:
    """The Fund's organization (AH-1.2), by the BIN in force on `on`."""
    try:
        return Organization.objects.filter(identifier=rules.fund_identifier(on)).first()
    except params.NoValueOnDate:
        return None


def _is_fund(employer: Organization, on: dt.date) -> bool:
    try:
        return employer.identifier == rules.fund_identifier(on)
    except params.NoValueOnDate:
        return False


def _recruiter_check(employer: Organization, is_hub_actor: HubParticipation) -> None:
    """AH-7-1.2 and 7-1.3 speak of the employees of Astana Hub actors as they are now: the employer must be the Fund
    or an actor on the day the record is made, whenever the worker was hired (a participant records the foreigners
    it employed before it joined)."""
    today = clock.today()
    problem = rules.recruiter_problem(is_fund=_is_fund(employer, today), is_hub_actor=is_hub_actor(employer.pk, today))
    if problem:
        raise WorkerError(problem)


def _person(
    *,
    surname: str,
    given_names: str,
    date_of_birth: dt.date,
    citizenship: str,
    stateless: bool,
    passport_number: str,
    passport_valid_until: dt.date,
    position: str,
    employed_from: dt.date,
) -> dict[str, Any]:
    today = clock.today()
    if date_of_birth >= today:
        raise WorkerError(_("The date of birth must be in the past."))
    if employed_from <= date_of_birth:
        raise WorkerError(_("The employment cannot start before the date of birth; check both dates."))
    if passport_valid_until < employed_from:
        raise WorkerError(_("The passport expired before the employment started; enter the passport in use."))
    return {
        "surname": _clean(surname, _("surname"), 100),
        "given_names": _clean(given_names, _("given names"), 150),
        "date_of_birth": date_of_birth,
        "citizenship": _citizenship(citizenship, stateless),
        "stateless": stateless,
        "passport_number": _clean(passport_number, _("passport number"), 30).replace(" ", "").upper(),
        "passport_valid_until": passport_valid_until,
        "position": _clean(position, _("position"), 200),
        "employed_from": employed_from,
    }


def _journal(actor: Actor, worker: ForeignWorker, action: str, payload: dict[str, Any], provision: str) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=worker.number,
        action=action,
        payload=payload,
        provisions=[provision],
    )


def _is_member(actor: Actor, organization_id: int) -> bool:
    return organization_id in actor.organization_ids()


@transaction.atomic
def worker_record(
    *,
    actor: Actor,
    employer: Organization,
    surname: str,
    given_names: str,
    date_of_birth: dt.date,
    citizenship: str,
    stateless: bool,
    passport_number: str,
    passport_valid_until: dt.date,
    position: str,
    employed_from: dt.date,
    is_hub_actor: HubParticipation = participation.is_hub_participant,
) -> ForeignWorker:
    """Records a foreign worker recruited by the Fund or an Astana Hub actor (AH-7-1.3). The record stays
    incomplete until a document certifying the qualification is on file (AH-7-1.4)."""
    require(actor, ForeignWorker(employer=employer, status=ForeignWorker.Status.INCOMPLETE), "edit")
    person = _person(
        surname=surname,
        given_names=given_names,
        date_of_birth=date_of_birth,
        citizenship=citizenship,
        stateless=stateless,
        passport_number=passport_number,
        passport_valid_until=passport_valid_until,
        position=position,
        employed_from=employed_from,
    )
    _recruiter_check(employer, is_hub_actor)
    if ForeignWorker.objects.filter(employer=employer, passport_number=person["passport_number"]).exists():
        raise WorkerError(
            _("A worker with passport %(passport)s is already recorded for this employer; open that record.")
            % {"passport": person["passport_number"]}
        )
    now = clock.now()
    worker = ForeignWorker.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}", employer=employer, recorded_at=now, **person
    )
    worker.number = f"AH-W-{now.year}-{worker.pk:05d}"
    worker.save(update_fields=["number"])
    _journal(actor, worker, "recorded", {"employer": employer.identifier, "employed_from": employed_from}, "AH-7-1.3")
    # The employer hears of a record the Fund made for it; the Fund does not notify itself.
    if not _is_member(actor, employer.pk) and not _is_fund(employer, employed_from):
        notification_send(
            message_key="astana_hub.worker.recorded",
            params={"number": worker.number},
            provisions=["AH-7-1.3"],
            organization=employer,
            subject_type=SUBJECT,
            subject_id=worker.number,
        )
    return worker


@transaction.atomic
def worker_update(
    *,
    actor: Actor,
    worker: ForeignWorker,
    surname: str,
    given_names: str,
    date_of_birth: dt.date,
    citizenship: str,
    stateless: bool,
    passport_number: str,
    passport_valid_until: dt.date,
    position: str,
    employed_from: dt.date,
    is_hub_actor: HubParticipation = participation.is_hub_participant,
) -> ForeignWorker:
    """Corrects a worker's record while the employer is still the Fund or an Astana Hub actor (AH-7-1.3)."""
    worker = ForeignWorker.objects.select_for_update().get(pk=worker.pk)
    require(actor, worker, "edit")
    person = _person(
        surname=surname,
        given_names=given_names,
        date_of_birth=date_of_birth,
        citizenship=citizenship,
        stateless=stateless,
        passport_number=passport_number,
        passport_valid_until=passport_valid_until,
        position=position,
        employed_from=employed_from,
    )
    _recruiter_check(worker.employer, is_hub_actor)
    if (
        ForeignWorker.objects.filter(employer=worker.employer, passport_number=person["passport_number"])
        .exclude(pk=worker.pk)
        .exists()
    ):
        raise WorkerError(_("Another worker of this employer has passport %(p)s.") % {"p": person["passport_number"]})
    changed = sorted(k for k, v in person.items() if getattr(worker, k) != v)
    for key, value in person.items():
        setattr(worker, key, value)
    worker.save()
    # The journal names what changed, not the values: it is read more widely than the record itself.
    _journal(actor, worker, "corrected", {"fields": changed}, "AH-7-1.3")
    return worker


@transaction.atomic
def qualification_upload(
    *,
    actor: Actor,
    worker: ForeignWorker,
    kind: str,
    title: str,
    issuer: str,
    issued_on: dt.date,
    upload: IO[bytes],
    name: str,
) -> QualificationDocument:
    """Keeps a document certifying the worker's qualification (AH-7-1.4): a PDF, JPEG or PNG by its content."""
    require(actor, worker, "upload_qualification")
    if kind not in QualificationDocument.Kind.values:
        raise WorkerError(_("Choose what the document is: a diploma, a certificate, a record of employment or other."))
    if issued_on > clock.today():
        raise WorkerError(_("The date of issue cannot be in the future."))
    title = _clean(title, _("title of the document"), 300)
    issuer = _clean(issuer, _("issuer"), 300)
    _content_type, digest = _checked_file(upload, name)
    document = QualificationDocument(
        worker=worker, kind=kind, title=title, issuer=issuer, issued_on=issued_on, recorded_at=clock.now()
    )
    document.file.save(f"{worker.number}-{digest[:12]}-{name[-60:]}", File(upload), save=False)
    document.save()
    _journal(actor, worker, "qualification_document_kept", {"kind": kind, "sha256": digest}, "AH-7-1.4")
    return document


@transaction.atomic
def worker_complete(*, actor: Actor, worker: ForeignWorker) -> ForeignWorker:
    """Marks the record complete; refused while no qualification document is on file (AH-7-1.4)."""
    worker = ForeignWorker.objects.select_for_update().get(pk=worker.pk)
    require(actor, worker, "complete")
    problems = rules.completeness_problems(qualification_documents=worker.qualification_documents.count())
    if problems:
        raise WorkerError(" ".join(problems))
    worker.status = ForeignWorker.Status.COMPLETE
    worker.save(update_fields=["status"])
    _journal(actor, worker, "completed", {}, "AH-7-1.4")
    return worker


def visa_deadlines_cancel(visa_ids: list[int], reason: str) -> None:
    for deadline in Deadline.objects.filter(
        subject_type=VISA_SUBJECT, subject_id__in=[str(i) for i in visa_ids], status=Deadline.Status.OPEN
    ):
        # The core's deadline policy gives cancelling to the system; the record's journal names the officer.
        deadline_cancel(actor=SYSTEM, deadline=deadline, reason=reason)


@transaction.atomic
def worker_end_employment(*, actor: Actor, worker: ForeignWorker, employed_until: dt.date) -> ForeignWorker:
    """Ends the employment. The record is kept (AH-7-1.4: "have and keep"); the reminders to extend the worker's
    and the family's visas stop, since the ground of AH-7-1.2 ends with the employment."""
    worker = ForeignWorker.objects.select_for_update().get(pk=worker.pk)
    require(actor, worker, "end_employment")
    if employed_until < worker.employed_from:
        raise WorkerError(
            _("The employment cannot end before it started (%(start)s).")
            % {"start": worker.employed_from.strftime("%d.%m.%Y")}
        )
    if employed_until > clock.today():
        raise WorkerError(_("Record the end of employment on or after its last day, not in advance."))
    worker.employed_until = employed_until
    worker.status = ForeignWorker.Status.ENDED
    worker.save(update_fields=["employed_until", "status"])
    visa_ids = [v.pk for v in worker.visas.all()] + [v.pk for m in worker.family_members.all() for v in m.visas.all()]
    visa_deadlines_cancel(visa_ids, f"employment of {worker.number} ended on {employed_until.isoformat()}")
    _journal(actor, worker, "employment_ended", {"employed_until": employed_until}, "AH-7-1.3")
    return worker


@transaction.atomic
def family_member_add(
    *,
    actor: Actor,
    worker: ForeignWorker,
    relation: str,
    surname: str,
    given_names: str,
    date_of_birth: dt.date,
    citizenship: str,
    passport_number: str,
    dependency_upload: IO[bytes] | None = None,
    dependency_name: str = "",
) -> FamilyMember:
    """A family member entitled to the same visa (AH-7-1.2): spouse, child, or a dependant with the supporting
    document of dependency."""
    require(actor, worker, "add_family_member")
    problem = rules.family_member_problem(relation=relation, has_dependency_document=dependency_upload is not None)
    if problem:
        raise WorkerError(problem)
    if date_of_birth >= clock.today():
        raise WorkerError(_("The date of birth must be in the past."))
    passport = _clean(passport_number, _("passport number"), 30).replace(" ", "").upper()
    if worker.family_members.filter(passport_number=passport).exists():
        raise WorkerError(
            _("A family member with passport %(p)s is already recorded for this worker.") % {"p": passport}
        )
    member = FamilyMember(
        worker=worker,
        relation=relation,
        surname=_clean(surname, _("surname"), 100),
        given_names=_clean(given_names, _("given names"), 150),
        date_of_birth=date_of_birth,
        citizenship=_citizenship(citizenship, stateless=not citizenship.strip()),
        passport_number=passport,
        recorded_at=clock.now(),
    )
    digest = ""
    if dependency_upload is not None and relation == FamilyMember.Relation.DEPENDANT:
        _content_type, digest = _checked_file(dependency_upload, dependency_name or "document")
        member.dependency_document.save(
            f"{worker.number}-{digest[:12]}-{(dependency_name or 'dependency')[-60:]}",
            File(dependency_upload),
            save=False,
        )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:  # a concurrent request recorded the same passport
        raise WorkerError(_("A family member with passport %(p)s is already recorded.") % {"p": passport}) from exc
    _journal(actor, worker, "family_member_added", {"relation": relation, "dependency_sha256": digest}, "AH-7-1.2")
    return member


def personal_data_viewed(*, actor: Actor, what: str, numbers: list[str], via: str, ip: str | None = None) -> None:
    """Records in the audit log that an officer saw foreign workers' personal data (names, passports, visas):
    who, when, which records and through which channel. The employer's own users reading their own workers are
    not officers and are not logged here."""
    if not actor.roles & OFFICER_ROLES or actor.user_id is None:
        return
    audit_record(
        kind=PERSONAL_DATA_VIEWED,
        user_id=actor.user_id,
        username=actor.label,
        ip=ip,
        detail={"what": what, "records": numbers[:200], "count": len(numbers), "via": via, "provision": "AH-7-1.3"},
    )
