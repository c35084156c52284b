"""A grant recipient's counter-obligations after the agreement (IP-42.1, IP-27): the actual figures of each year of
the agreement — by form, API or a CSV/XLSX file — with the achieved level computed at once, and after the year ends
the refund when they fell short (IP-27.4), issued as a signed decision with a QR code. The computation is the
counter-obligations' one (`rules.counter_obligations`, `rules.counter_obligations_refund`); only the periods (the
agreement's years) and the support (the tranches paid) are the grant's (`grant_facts`).

Bad input writes nothing: a year outside the agreement, one not yet started, a second report for a year, a
figure missing, negative or for an area without a target that year; a file with any bad row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import table_import
from nisi.core.authz import Actor, require
from nisi.core.services.documents import document_issue
from nisi.incentives import grant_facts as facts
from nisi.incentives.models import GrantAgreement, GrantRefund, GrantResultReport
from nisi.incentives.rules import counter_obligations as rules
from nisi.incentives.rules import counter_obligations_refund as refund_rules
from nisi.incentives.rules import payments as payment_rules
from nisi.incentives.rules.counter_obligations import CounterObligationError, Period
from nisi.incentives.services.agreements import AgreementError, parameters_used, traced
from nisi.incentives.services.grants import AGREEMENT_SUBJECT, SCHEME
from nisi.law import clock

REFUND_DOCUMENT = "incentives_grant_refund"
PROVISIONS = ("IP-42.1", "IP-27.4")
FILE_COLUMNS = ("year", "area", "actual")
MAX_FILE_ROWS = 200


def _locked(agreement: GrantAgreement) -> GrantAgreement:
    locked: GrantAgreement = (
        GrantAgreement.objects.select_for_update()
        .select_related("application__organization", "application__call__institute")
        .get(pk=agreement.pk)
    )
    return locked


def _reported(agreement: GrantAgreement) -> set[Period]:
    return {Period(r.period_start, r.period_end) for r in agreement.result_reports.all()}


def _year_period(agreement: GrantAgreement, year: int) -> Period:
    """The agreement's period of `year`, or that calendar year (which the rules then name as outside the
    agreement)."""
    return facts.period_of_year(agreement, year) or Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _problems(agreement: GrantAgreement, period: Period, actuals: Mapping[str, object], on: dt.date) -> list[str]:
    return rules.report_problems(
        period=period,
        periods=facts.periods_of(agreement),
        reported=_reported(agreement),
        targets=facts.targets_of(agreement, period),
        actuals=actuals,
        on=on,
    )


def _write(actor: Actor, agreement: GrantAgreement, period: Period, actuals: Mapping[str, object]) -> GrantResultReport:
    achievement = rules.achieved_level(
        targets=facts.targets_of(agreement, period), actuals=actuals, agreed_on=agreement.signed_on
    )
    report = GrantResultReport.objects.create(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        actuals={k: str(Decimal(str(v))) for k, v in actuals.items()},
        level=achievement.value.level,
        submitted_at=clock.now(),
        submitted_by_label=actor.label[:200],
    )
    SCHEME.journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "results_reported",
        {
            "period": [period.start.isoformat(), period.end.isoformat()],
            "actuals": report.actuals,
            "level": str(report.level),
        },
        PROVISIONS,
        ("IP-42.4",),
    )
    return report


def _given(actuals: Mapping[str, object]) -> dict[str, object]:
    return {k: v for k, v in actuals.items() if v is not None and str(v).strip() != ""}


@transaction.atomic
def results_submit(
    *, actor: Actor, agreement: GrantAgreement, year: int, actuals: Mapping[str, object]
) -> GrantResultReport:
    """The recipient's actual figures for a year of the grant agreement, in each area with a target that year
    (IP-42.1, IP-27.3); the achieved level is computed at once (IP-27.4). Refused, nothing written: a year outside
    the agreement or not yet started, a second report for the year, a figure missing, not a number, negative, or for
    an area without a target."""
    agreement = _locked(agreement)
    require(actor, agreement, "report")
    period = _year_period(agreement, year)
    given = _given(actuals)
    problems = _problems(agreement, period, given, clock.today())
    if problems:
        raise AgreementError(problems, "actuals")
    return _write(actor, agreement, period, given)


def _rows_by_year(read: Any) -> tuple[dict[int, dict[str, str]], dict[int, int], list[str]]:
    by_year: dict[int, dict[str, str]] = {}
    first_line: dict[int, int] = {}
    problems: list[str] = []
    for line, row in read.rows:
        try:
            year = int(row.get("year", "").strip())
        except ValueError:
            problems.append(_("Line %(line)s: give the year as four digits, for example 2026.") % {"line": line})
            continue
        area, actual = row.get("area", "").strip(), row.get("actual", "").strip()
        try:
            Decimal(actual)
        except InvalidOperation:
            problems.append(
                _("Line %(line)s: give the actual figure as a number, for example 1250.5.") % {"line": line}
            )
            continue
        figures = by_year.setdefault(year, {})
        if area in figures:
            problems.append(
                _("Line %(line)s: “%(area)s” is given twice for %(year)s; keep one line.")
                % {"line": line, "area": area, "year": year}
            )
            continue
        figures[area] = actual
        first_line.setdefault(year, line)
    return by_year, first_line, problems


@transaction.atomic
def results_import(
    *, actor: Actor, agreement: GrantAgreement, content: bytes, name: str = ""
) -> list[GrantResultReport]:
    """The actual figures of one or several years from a CSV or XLSX file with the columns year, area, actual (one
    line per area and year). Every bad line is named with its number and nothing is written while any is bad."""
    agreement = _locked(agreement)
    require(actor, agreement, "report")
    read = table_import.read(content, name=name, columns=FILE_COLUMNS, required=FILE_COLUMNS, max_rows=MAX_FILE_ROWS)
    problems = [_("Line %(line)s: %(problem)s") % {"line": p.line, "problem": p.message} for p in read.problems]
    by_year, first_line, more = _rows_by_year(read)
    problems += more
    today = clock.today()
    for year in sorted(by_year):
        found = _problems(agreement, _year_period(agreement, year), by_year[year], today)
        problems += [_("Line %(line)s: %(problem)s") % {"line": first_line[year], "problem": p} for p in found]
    if not problems and not by_year:
        problems.append(_("The file has no figures: give one line per area and year."))
    if problems:
        raise AgreementError(problems, "file")
    return [_write(actor, agreement, _year_period(agreement, year), by_year[year]) for year in sorted(by_year)]


def refund_document_data(agreement: GrantAgreement, refund: GrantRefund) -> dict[str, Any]:
    organization = agreement.application.organization
    return {
        "agreement": agreement.number,
        "grant": True,
        "recipient": {"identifier": organization.identifier, "name": organization.name},
        "period": [refund.period_start.isoformat(), refund.period_end.isoformat()],
        "determined_on": refund.determined_on.isoformat(),
        "level": str(refund.level),
        "share": str(refund.share),
        "support": str(refund.support),
        "principal": str(refund.principal),
        "interest": str(refund.interest),
        "total": str(refund.total),
        "unconfirmed": refund.unconfirmed,
        "lines": [line["text"] for line in refund.trace["ru"]],
        "lines_kk": [line["text"] for line in refund.trace["kk"]],
        "parameters": refund.parameters,
    }


@transaction.atomic
def refund_determine(*, actor: Actor, agreement: GrantAgreement, period_start: dt.date) -> GrantRefund:
    """The refund of the grant for a year after it ended (IP-42.1, IP-27.4): the reported figures' achieved level,
    the share returned, per tranche paid that year what is returned and its interest at the base rate segment by
    segment. Kept with its trace in each language and the parameters used, issued as a signed decision with a QR
    code. Asked before the year ends, it is refused: the recipient sees what it would owe today instead."""
    agreement = _locked(agreement)
    require(actor, agreement, "determine_refund")
    today = clock.today()
    period = facts.period_starting(agreement, period_start)
    if period is None:
        raise AgreementError([_("This is not one of the agreement's years: choose one of its periods.")], "period")
    try:
        rules.refuse_if(rules.refund_problems(period=period, on=today))
    except CounterObligationError as exc:
        raise AgreementError(exc.problems, "period") from exc
    if agreement.refunds.filter(period_start=period.start).exists():
        raise AgreementError([_("The refund for this period has already been determined: open its decision.")])
    report = agreement.result_reports.filter(period_start=period.start).first()
    if report is None:
        raise AgreementError(
            [
                _("The recipient has not reported the period %(period)s: the refund is determined on its report.")
                % {"period": period}
            ],
            "period",
        )
    receipts = facts.receipts_of(agreement, period, to=period.end)
    if not receipts:
        raise AgreementError([_("No part of the grant was paid in this period: there is nothing to return.")])
    try:
        explained = payment_rules.attributed(
            refund_rules.refund_due(
                period=period,
                achievement=facts.achievement_of(agreement, report),
                receipts=receipts,
                agreed_on=agreement.signed_on,
                on=today,
            ),
            agreed_on=agreement.signed_on,
        )
    except CounterObligationError as exc:
        raise AgreementError(exc.problems) from exc
    value = explained.value
    refund = GrantRefund.objects.create(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        determined_on=today,
        determined_by_label=actor.label[:200],
        level=value.level,
        share=value.share,
        support=value.support,
        principal=value.principal,
        interest=value.interest,
        total=value.total,
        unconfirmed=value.unconfirmed,
        trace=traced(explained),
        parameters=parameters_used(explained),
    )
    SCHEME.journal(
        AGREEMENT_SUBJECT,
        agreement.number,
        actor,
        "refund_determined",
        {
            "period": [period.start.isoformat(), period.end.isoformat()],
            "level": str(value.level),
            "principal": str(value.principal),
            "interest": str(value.interest),
            "total": str(value.total),
            "parameters": refund.parameters,
        },
        tuple(sorted(set(explained.provisions) | set(PROVISIONS))),
    )
    organization = agreement.application.organization
    refund.document = document_issue(
        actor=actor,
        kind=REFUND_DOCUMENT,
        title=f"Решение о возврате промышленного гранта по договору № {agreement.number} за {period}",
        data=refund_document_data(agreement, refund),
        template="incentives/refund_pdf.html",
        organization=organization,
        subject_type="grant_refund",
        subject_id=f"{agreement.number}-{period.start.isoformat()}",
        provisions=list(PROVISIONS),
    )
    refund.save(update_fields=["document"])
    SCHEME.notify(
        "refund_determined",
        {"number": agreement.number, "period": str(period), "total": str(value.total)},
        PROVISIONS,
        subject=AGREEMENT_SUBJECT,
        number=agreement.number,
        organization=organization,
    )
    return refund
