"""The contracts' tables, one module per area (customers, plans, purchases, …); each is imported here so Django
finds it."""

from nisi.contracts.models.customers import LargeCustomer, LargeCustomerKind, NationalWelfareFund, OwnershipLink
from nisi.contracts.models.offtake import (
    Amendment,
    ContractKind,
    ContractYear,
    Delivery,
    DevelopmentContract,
    OffsetCondition,
    Penalty,
    PilotBatchTest,
    Pledge,
)
from nisi.contracts.models.opinions import PlanOpinion
from nisi.contracts.models.plans import (
    Exclusion,
    ExclusionObjection,
    PlanApplication,
    PlanKind,
    PlanLine,
    ProcurementPlan,
)
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
from nisi.contracts.models.purchases import PurchaseBatch, PurchaseLine
from nisi.contracts.models.systemic import ProductionSubmission, ProductionVolume, SystemicEntry, SystemicList

__all__ = [
    "Amendment",
    "ContractKind",
    "ContractYear",
    "Delivery",
    "DevelopmentContract",
    "DomesticValueProgramme",
    "Exclusion",
    "ExclusionObjection",
    "LargeCustomer",
    "LargeCustomerKind",
    "NationalWelfareFund",
    "OffsetCondition",
    "OwnershipLink",
    "Penalty",
    "PilotBatchTest",
    "PlanApplication",
    "PlanKind",
    "PlanLine",
    "PlanOpinion",
    "Pledge",
    "ProcurementPlan",
    "ProductionSubmission",
    "ProductionVolume",
    "ProgrammeAction",
    "ProgrammeArea",
    "ProgrammeReport",
    "ProgrammeTarget",
    "PurchaseBatch",
    "PurchaseLine",
    "RefusalGround",
    "ReportFigure",
    "SystemicEntry",
    "SystemicList",
    "TargetValue",
]
