"""The incentives' records: the catalogue of measures and its operators, the list of priority goods, the
one-stop applications, and the agreements with counter-obligations."""

from nisi.incentives.models.agreements import (
    AreaChoice,
    CompetitivenessAgreement,
    CounterObligationAgreement,
    CounterObligationRefund,
    CounterObligationReport,
    CounterObligationTarget,
    SupportPayment,
)
from nisi.incentives.models.applications import (
    CRITERIA,
    Assessment,
    IncentiveApplication,
    Purpose,
    RequestedMeasure,
)
from nisi.incentives.models.catalogue import Measure, MeasureKind, MeasureWindow, Operator, OperatorKind
from nisi.incentives.models.priority import PriorityGood, PriorityList, ProcessingLevel

__all__ = [
    "CRITERIA",
    "AreaChoice",
    "Assessment",
    "CompetitivenessAgreement",
    "CounterObligationAgreement",
    "CounterObligationRefund",
    "CounterObligationReport",
    "CounterObligationTarget",
    "IncentiveApplication",
    "Measure",
    "MeasureKind",
    "MeasureWindow",
    "Operator",
    "OperatorKind",
    "PriorityGood",
    "PriorityList",
    "ProcessingLevel",
    "Purpose",
    "RequestedMeasure",
    "SupportPayment",
]
