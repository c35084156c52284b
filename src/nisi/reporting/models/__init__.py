"""The reporting app's tables, one module per part (the National Report: `report`)."""

from nisi.reporting.models.report import NationalReport, ReportEdition, ReportInput, ReportTrace

__all__ = ["NationalReport", "ReportEdition", "ReportInput", "ReportTrace"]
