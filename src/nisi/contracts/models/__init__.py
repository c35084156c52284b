"""The contracts' tables, one module per area (customers, plans, purchases, …); each is imported here so Django
finds it."""

from nisi.contracts.models.customers import LargeCustomerKind
from nisi.contracts.models.programmes import (
    DomesticValueProgramme,
    ProgrammeAction,
    ProgrammeArea,
    ProgrammeReport,
    ProgrammeTarget,
    RefusalGround,
    ReportFigure,
    TargetValue,
)

__all__ = [
    "DomesticValueProgramme",
    "LargeCustomerKind",
    "ProgrammeAction",
    "ProgrammeArea",
    "ProgrammeReport",
    "ProgrammeTarget",
    "RefusalGround",
    "ReportFigure",
    "TargetValue",
]
