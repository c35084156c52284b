"""The reporting app's tables, one module per area (the assessments of IP-6.1 and IP-6.3; the National Report):
import each area's models here, one line per area."""

from nisi.reporting.models.assessment import (
    AssessmentForm,
    AssessmentReturn,
    FieldKind,
    FormFiler,
    FormPurpose,
    FormVersion,
    Periodicity,
)
from nisi.reporting.models.report import NationalReport, ReportEdition, ReportInput, ReportTrace

__all__ = [
    "AssessmentForm",
    "AssessmentReturn",
    "FieldKind",
    "FormFiler",
    "FormPurpose",
    "FormVersion",
    "NationalReport",
    "Periodicity",
    "ReportEdition",
    "ReportInput",
    "ReportTrace",
]
