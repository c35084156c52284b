"""After the decision: the financing agreement and its tranches (each paid tranche is a use of the Fund's assets
for the financing of projects, AH-10.5, recorded through the assets area), and monitoring by period with the
Fund's assessment; a breach lets the Fund terminate the agreement, with its reasons. The core's agreements of
financing by call (`nisi.core.financing.agreements`, ADR 27) under the Fund's scheme."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.astana_hub.models import FinancingAgreement, FinancingApplication, FinancingTranche, ProjectMonitoringReport
from nisi.astana_hub.services.financing import SCHEME
from nisi.core.authz import Actor
from nisi.core.financing import agreements


def agreement_conclude(
    *,
    actor: Actor,
    application: FinancingApplication,
    signed_on: dt.date,
    ends_on: dt.date,
    tranches: list[tuple[dt.date, Decimal, str]],
) -> FinancingAgreement:
    """The agreement on an approved project, for the approved amount, paid in tranches that sum to it (AH-10.2-1,
    AH-10.5)."""
    agreement: FinancingAgreement = agreements.agreement_conclude(
        SCHEME, actor=actor, application=application, signed_on=signed_on, ends_on=ends_on, tranches=tranches
    )
    return agreement


def tranche_pay(
    *, actor: Actor, tranche: FinancingTranche, paid_on: dt.date, document_reference: str
) -> FinancingTranche:
    """Pays a tranche: recorded as a use of the Fund's assets for the financing of projects (AH-10.5) through
    `services.assets.asset_use_record`, which refuses more than the Fund has. Tranches are paid in their planned
    order, and none while the latest monitoring assessment finds the obligations breached."""
    paid: FinancingTranche = agreements.tranche_release(
        SCHEME, actor=actor, tranche=tranche, paid_on=paid_on, document_reference=document_reference
    )
    return paid


def report_submit(
    *,
    actor: Actor,
    agreement: FinancingAgreement,
    period_start: dt.date,
    period_end: dt.date,
    progress: str,
    spent: Decimal,
) -> ProjectMonitoringReport:
    """The recipient's report on a period of the project: what was done and what was spent."""
    report: ProjectMonitoringReport = agreements.report_submit(
        SCHEME,
        actor=actor,
        agreement=agreement,
        period_start=period_start,
        period_end=period_end,
        progress=progress,
        spent=spent,
    )
    return report


def report_assess(
    *, actor: Actor, report: ProjectMonitoringReport, assessment: str, notes: str
) -> ProjectMonitoringReport:
    """The Fund's assessment of a report: on track, at risk, or obligations breached (with its notes)."""
    assessed: ProjectMonitoringReport = agreements.report_assess(
        SCHEME, actor=actor, report=report, assessment=assessment, notes=notes
    )
    return assessed


def agreement_terminate(*, actor: Actor, agreement: FinancingAgreement, reasons: str) -> FinancingAgreement:
    """Terminates the agreement for a breach found in a monitoring assessment, with the reasons (the Fund's assets
    serve the projects as agreed, AH-10.5; a breach ends that basis)."""
    terminated: FinancingAgreement = agreements.agreement_terminate(
        SCHEME, actor=actor, agreement=agreement, reasons=reasons
    )
    return terminated


def agreement_complete(*, actor: Actor, agreement: FinancingAgreement) -> FinancingAgreement:
    """Closes an agreement whose tranches are all paid and whose latest report the Fund found on track."""
    completed: FinancingAgreement = agreements.agreement_complete(SCHEME, actor=actor, agreement=agreement)
    return completed
