"""The National Report's writes (IP-5.2, IP-9.36): opening the year's inputs with their deadlines, a body's or an
akimat's input, the authorized body's request to build the report as of a cut-off date, and the build itself (in the
background): figures read through the other apps' selectors with their traces, editions in kk, ru and en, each PDF
signed."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nisi.core import outbox
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.models import Deadline, Organization, Region
from nisi.core.roles import Role
from nisi.core.services.deadlines import DeadlineSpec, deadline_complete, deadline_open_many
from nisi.core.services.documents import document_issue, qr_svg, verification_url
from nisi.core.services.journal import canonical_json, journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock
from nisi.reporting import report_render
from nisi.reporting.models import NationalReport, ReportEdition, ReportInput, ReportTrace
from nisi.reporting.report_messages import DOCUMENT_KIND, INPUT_DEADLINE, INPUT_SUBJECT, REPORT_SUBJECT
from nisi.reporting.rules import report as rules
from nisi.reporting.rules.report import ReportError
from nisi.reporting.selectors import report as selectors

LANGUAGES = ("kk", "ru", "en")
PROVISIONS = ["IP-5.2", "IP-9.36"]
BUILD_TASK = "nisi.reporting.tasks.report_build"
EDITION_TASK = "nisi.reporting.tasks.report_edition"
MAX_SECTIONS = 20
MAX_FIGURES = 100


@transaction.atomic
def report_inputs_open(*, actor: Actor, year: int, bodies: list[Organization]) -> list[ReportInput]:
    """IP-5.2: for the report of `year`, every akimat (each region, city of republican significance and the capital)
    and each central state body named owes its information by 1 March of the next year: an awaited input and a
    deadline in its work queue each. Opening again adds only the ones not yet opened."""
    require(actor, ReportInput(year=year), "open")
    rules.check_year(year, clock.today())
    due = rules.inputs_due(year)
    now = clock.now()
    have_regions = set(ReportInput.objects.filter(year=year, region__isnull=False).values_list("region_id", flat=True))
    have_bodies = set(
        ReportInput.objects.filter(year=year, organization__isnull=False).values_list("organization_id", flat=True)
    )
    new = [
        ReportInput(year=year, region=region, due_on=due.value, created_at=now)
        for region in Region.objects.order_by("code")
        if region.code not in have_regions
    ] + [
        ReportInput(year=year, organization=body, due_on=due.value, created_at=now)
        for body in sorted({b.pk: b for b in bodies}.values(), key=lambda b: b.identifier)
        if body.pk not in have_bodies
    ]
    for item in new:
        item.save()
    deadline_open_many(
        actor=actor,
        specs=[
            DeadlineSpec(
                subject_type=INPUT_SUBJECT,
                subject_id=str(item.pk),
                kind=INPUT_DEADLINE,
                due=due,
                starts_on=min(clock.today(), due.value),  # opened late: due at once
                provision="IP-5.2",
                responsible_role=Role.AKIMAT if item.region_id else Role.RESPONSIBLE_BODY,
                organization=item.organization,
                region=item.region,
                params={"year": year},
            )
            for item in new
        ],
    )
    journal_append(
        actor=actor,
        subject_type=REPORT_SUBJECT,
        subject_id=f"inputs-{year}",
        action="inputs_opened",
        payload={"year": year, "opened": len(new), "due_on": due.value.isoformat()},
        provisions=["IP-5.2"],
    )
    return new


@dataclass(frozen=True)
class Figure:
    name: str
    value: Decimal
    unit: str


def _clean_sections(sections: list[dict[str, str]]) -> list[dict[str, str]]:
    clean = [
        {"title": str(s.get("title", "")).strip()[:300], "text": str(s.get("text", "")).strip()[:20000]}
        for s in sections
    ]
    clean = [s for s in clean if s["title"] or s["text"]]
    if not clean:
        raise ReportError(_("Write at least one section: its title and its text."), field="sections")
    if len(clean) > MAX_SECTIONS:
        raise ReportError(_("Give at most %(n)s sections.") % {"n": MAX_SECTIONS}, field="sections")
    if any(not s["title"] or not s["text"] for s in clean):
        raise ReportError(_("Each section needs both a title and its text."), field="sections")
    return clean


def _clean_figures(figures: list[Figure]) -> list[dict[str, str]]:
    if len(figures) > MAX_FIGURES:
        raise ReportError(_("Give at most %(n)s figures.") % {"n": MAX_FIGURES}, field="figures")
    out = []
    for f in figures:
        name = f.name.strip()[:300]
        if not name:
            raise ReportError(_("Each figure needs its name."), field="figures")
        try:
            value = Decimal(f.value)
        except (InvalidOperation, TypeError, ValueError):
            raise ReportError(_("Write each figure's value as a number."), field="figures") from None
        if not value.is_finite():
            raise ReportError(_("Write each figure's value as a number."), field="figures")
        out.append({"name": name, "value": str(value), "unit": f.unit.strip()[:40]})
    return out


@transaction.atomic
def report_input_submit(
    *, actor: Actor, report_input: ReportInput, sections: list[dict[str, str]], figures: list[Figure]
) -> ReportInput:
    """IP-5.2: a central state body or an akimat gives its information for the report once; after the due day it is
    taken and marked late. Its deadline is closed."""
    report_input = ReportInput.objects.select_for_update().get(pk=report_input.pk)
    require(actor, report_input, "submit")
    clean_sections = _clean_sections(sections)
    clean_figures = _clean_figures(figures)
    today = clock.today()
    report_input.sections = clean_sections
    report_input.figures = clean_figures
    report_input.status = ReportInput.Status.SUBMITTED
    report_input.submitted_at = clock.now()
    report_input.submitted_by_label = actor.label[:200]
    report_input.late = rules.input_late(today, report_input.year)
    report_input.save()
    for deadline in Deadline.objects.filter(
        subject_type=INPUT_SUBJECT, subject_id=str(report_input.pk), status=Deadline.Status.OPEN
    ).select_for_update():
        deadline_complete(actor=SYSTEM, deadline=deadline)
    journal_append(
        actor=actor,
        subject_type=INPUT_SUBJECT,
        subject_id=str(report_input.pk),
        action="submitted",
        payload={
            "year": report_input.year,
            "sections": len(clean_sections),
            "figures": len(clean_figures),
            "late": report_input.late,
        },
        provisions=["IP-5.2"],
    )
    return report_input


def _number(year: int) -> str:
    taken = NationalReport.objects.filter(year=year).count()
    return f"NR-{year}-{taken + 1:04d}"


@transaction.atomic
def report_request(*, actor: Actor, year: int, cut_off: dt.date) -> NationalReport:
    """The authorized body asks for the report of `year` as of `cut_off` (IP-5.2, IP-9.36): recorded and queued; the
    build runs in the background and shows its progress."""
    require(actor, NationalReport(year=year), "generate")
    rules.check_cut_off(year, cut_off, clock.today())
    report = NationalReport.objects.create(
        number=_number(year),
        year=year,
        cut_off=cut_off,
        requested_by_label=actor.label[:200],
        requested_by_user_id=actor.user_id,
        requested_at=clock.now(),
    )
    journal_append(
        actor=actor,
        subject_type=REPORT_SUBJECT,
        subject_id=report.number,
        action="requested",
        payload={"year": year, "cut_off": cut_off.isoformat()},
        provisions=PROVISIONS,
    )
    outbox.enqueue(BUILD_TASK, report.pk)
    return report


def _progress(report: NationalReport, step: str, percent: int) -> None:
    NationalReport.objects.filter(pk=report.pk).update(
        step=step, progress=percent, status=NationalReport.Status.BUILDING
    )


def _inputs_data(year: int, cut_off: dt.date) -> tuple[list[dict[str, Any]], rules.Timeliness, list[int]]:
    end = selectors.end_of(cut_off)
    items, states, ids = [], [], []
    for item in selectors.inputs_given(year, cut_off):
        given = item.submitted_at is not None and item.submitted_at < end
        given_on = timezone.localtime(item.submitted_at).date() if given and item.submitted_at else None
        states.append((given_on, item.due_on))
        ids.append(item.pk)
        items.append(
            {
                "giver": item.organization.name if item.organization else item.region.name_ru if item.region else "",
                "given": given,
                "sections": item.sections if given else [],
                "figures": item.figures if given else [],
            }
        )
    return items, rules.timeliness(states, cut_off, year), ids


def report_data(
    year: int, cut_off: dt.date, step: selectors.Step | None = None
) -> tuple[dict[str, Any], list[ReportTrace]]:
    """The report's figures (canonical: fixed order, money as strings) and the trace of every table."""
    tables = selectors.report_tables(year, cut_off, step)
    inputs, timeliness, input_ids = _inputs_data(year, cut_off)
    data: dict[str, Any] = {
        "year": year,
        "cut_off": cut_off.isoformat(),
        "min_entities": rules.min_entities(cut_off),
        "tables": {
            t.name: {"source": t.source, "query": t.query, "cells": [c.published() for c in t.cells]} for t in tables
        },
        "inputs": inputs,
        "timeliness": {
            "on_time": timeliness.on_time,
            "late": timeliness.late,
            "missing": timeliness.missing,
            "awaited": timeliness.awaited,
        },
    }
    data["digest"] = hashlib.sha256(canonical_json(data).encode()).hexdigest()
    traces = [
        ReportTrace(
            table=t.name,
            source=t.source,
            query=t.query,
            cells={c.key: {"count": c.count, "entities": c.entities, "ids": list(c.ids)} for c in t.cells},
        )
        for t in tables
    ]
    traces.append(
        ReportTrace(
            table="inputs",
            source="nisi.reporting.selectors.report.inputs_given",
            query={"year": year, "cut_off": cut_off.isoformat()},
            cells={"inputs": {"count": len(input_ids), "ids": input_ids}},
        )
    )
    return data, traces


def report_build(*, report_id: int) -> NationalReport:
    """Builds a requested report (the background task), in two stages: here the figures with their traces, stored
    with the report; then each language's edition (the HTML, the reproducible PDF and the signed PDF) as a task of
    its own (`report_edition`, queued through the outbox when the figures are stored), so that on several workers
    the three editions are laid out at once. The last edition to finish marks the report ready. A failure is
    recorded and can be asked again."""
    report = NationalReport.objects.get(pk=report_id)
    if report.status == NationalReport.Status.READY or report.data:
        return report  # a task delivered twice builds once
    try:
        data, traces = report_data(report.year, report.cut_off, lambda key, percent: _progress(report, key, percent))
        _store_figures(report, data, traces)
    except Exception as exc:
        _failed(report, exc)
        raise
    report.refresh_from_db()
    return report


FIGURES_DONE = 55  # percent when the figures are stored; each edition adds its share of the rest
EDITION_SHARE = (100 - FIGURES_DONE) // len(LANGUAGES)


def _failed(report: NationalReport, exc: Exception) -> None:
    NationalReport.objects.filter(pk=report.pk).update(status=NationalReport.Status.FAILED, error=str(exc)[:2000])


@transaction.atomic
def _store_figures(report: NationalReport, data: dict[str, Any], traces: list[ReportTrace]) -> None:
    report = NationalReport.objects.select_for_update().get(pk=report.pk)
    if report.data:
        return
    ReportTrace.objects.filter(report=report).delete()
    for trace in traces:
        trace.report = report
    ReportTrace.objects.bulk_create(traces)
    report.data = data
    report.digest = data["digest"]
    report.status = NationalReport.Status.BUILDING
    report.progress = FIGURES_DONE
    report.step = "editions"
    report.save(update_fields=["data", "digest", "status", "progress", "step"])
    for language in LANGUAGES:
        outbox.enqueue(EDITION_TASK, report.pk, language)


def report_edition(*, report_id: int, language: str) -> NationalReport:
    """One language's edition of a report whose figures are stored (the background task): the body with its charts
    (drawn once for the language, for both the page and the PDF), the reproducible PDF, the signature and the signed
    PDF. Idempotent: an edition already made is not made again; the last one marks the report ready."""
    report = NationalReport.objects.get(pk=report_id)
    if language not in LANGUAGES:
        raise ReportError(_("A report has editions in Kazakh, Russian and English only (kk, ru, en)."))
    if not report.data or report.editions.filter(language=language).exists():
        return report
    try:
        rendered = report_render.Edition(report.data, language, report_render.body_html(report.data, language))
        pdf = rendered.content_pdf()
        _sign_edition(report, rendered, pdf)
        _count_edition(report)
    except Exception as exc:
        _failed(report, exc)
        raise
    report.refresh_from_db()
    return report


@transaction.atomic
def _sign_edition(report: NationalReport, rendered: report_render.Edition, pdf: bytes) -> None:
    language, body, data = rendered.language, rendered.body, report.data
    if ReportEdition.objects.select_for_update().filter(report=report, language=language).exists():
        return
    sha = hashlib.sha256(pdf).hexdigest()
    with translation.override(language):
        title = _("National Report on the State of Industry %(year)s (%(language)s), %(number)s") % {
            "year": report.year,
            "language": language,
            "number": report.number,
        }
    document = document_issue(
        actor=SYSTEM,
        kind=DOCUMENT_KIND,
        title=title,
        data={
            "report": report.number,
            "year": report.year,
            "cut_off": data["cut_off"],
            "language": language,
            "pdf_sha256": sha,
            "digest": data["digest"],
        },
        template="reporting/report/signature_pdf.html",
        subject_type=REPORT_SUBJECT,
        subject_id=f"{report.number}:{language}",
        provisions=PROVISIONS,
    )
    url = verification_url(document.token)
    signature = {
        "number": report.number,
        "signed_at": timezone.localtime(document.issued_at).strftime("%Y-%m-%d %H:%M:%S %z"),
        "key_id": document.key_id,
        "pdf_sha256": sha,
        "verify_url": url,
        "qr_svg": qr_svg(url),
    }
    edition = ReportEdition(report=report, language=language, html=body, pdf_sha256=sha, document=document)
    edition.pdf.save(f"{report.number}-{language}.pdf", ContentFile(pdf), save=False)
    edition.signed_pdf.save(
        f"{report.number}-{language}-signed.pdf",
        ContentFile(rendered.signed_pdf(signature)),
        save=False,
    )
    edition.save()


@transaction.atomic
def _count_edition(report: NationalReport) -> None:
    """One more edition made: its share of the progress; the last one marks the report ready."""
    report = NationalReport.objects.select_for_update().get(pk=report.pk)
    if report.status == NationalReport.Status.READY:
        return
    made = report.editions.count()
    if made < len(LANGUAGES):
        report.progress = FIGURES_DONE + EDITION_SHARE * made
        report.save(update_fields=["progress"])
        return
    report.status = NationalReport.Status.READY
    report.progress = 100
    report.step = "ready"
    report.finished_at = clock.now()
    report.save(update_fields=["status", "progress", "step", "finished_at"])
    journal_append(
        actor=SYSTEM,
        subject_type=REPORT_SUBJECT,
        subject_id=report.number,
        action="built",
        payload={"digest": report.digest, "languages": list(LANGUAGES)},
        provisions=PROVISIONS,
    )
    if report.requested_by_user_id is None:
        return
    notification_send(
        message_key="reporting.report.ready",
        params={"number": report.number, "year": report.year, "cut_off": report.data["cut_off"]},
        provisions=PROVISIONS,
        user_id=report.requested_by_user_id,
        subject_type=REPORT_SUBJECT,
        subject_id=report.number,
    )
