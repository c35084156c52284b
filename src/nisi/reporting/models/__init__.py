"""The reporting app's tables, one module per area (the assessments of IP-6.1 and IP-6.3 here; the National Report
adds its own): import each area's models here, one line per area."""

from nisi.reporting.models.assessment import (
    AssessmentForm,
    AssessmentReturn,
    FieldKind,
    FormFiler,
    FormPurpose,
    FormVersion,
    Periodicity,
)

__all__ = ["AssessmentForm", "AssessmentReturn", "FieldKind", "FormFiler", "FormPurpose", "FormVersion", "Periodicity"]
