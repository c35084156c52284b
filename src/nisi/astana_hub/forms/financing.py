"""Forms of project financing (AH-10.2-1): the core's forms of financing by call (`nisi.core.financing.forms`,
ADR 27), in the GOV.UK pattern."""

from __future__ import annotations

from nisi.core.financing.forms import (
    AgreementForm,
    ApplicationForm,
    AssessForm,
    AssignForm,
    CallForm,
    DeclarationForm,
    ReportForm,
    ScoreForm,
    TerminateForm,
    TranchePayForm,
)

__all__ = [
    "AgreementForm",
    "ApplicationForm",
    "AssessForm",
    "AssignForm",
    "CallForm",
    "DeclarationForm",
    "ReportForm",
    "ScoreForm",
    "TerminateForm",
    "TranchePayForm",
]
