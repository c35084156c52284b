"""The incentives' records: the catalogue of measures and its operators, the list of priority goods, the
one-stop applications, the agreements with counter-obligations and the industrial grants."""

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
from nisi.incentives.models.grant_results import GrantRefund, GrantResultReport
from nisi.incentives.models.grants import (
    GrantAccountYear,
    GrantAgreement,
    GrantApplication,
    GrantCall,
    GrantCriterion,
    GrantExpertAssignment,
    GrantReport,
    GrantTranche,
)
from nisi.incentives.models.priority import PriorityGood, PriorityList, ProcessingLevel
from nisi.incentives.models.queue import (
    MeasureBudget,
    OpeningAlert,
    QueuePlace,
    StateActual,
    StateDataFetch,
)

__all__ = [
    "CRITERIA",
    "AreaChoice",
    "Assessment",
    "CompetitivenessAgreement",
    "CounterObligationAgreement",
    "CounterObligationRefund",
    "CounterObligationReport",
    "CounterObligationTarget",
    "GrantAccountYear",
    "GrantAgreement",
    "GrantApplication",
    "GrantCall",
    "GrantCriterion",
    "GrantExpertAssignment",
    "GrantRefund",
    "GrantReport",
    "GrantResultReport",
    "GrantTranche",
    "IncentiveApplication",
    "Measure",
    "MeasureBudget",
    "MeasureKind",
    "MeasureWindow",
    "OpeningAlert",
    "Operator",
    "OperatorKind",
    "PriorityGood",
    "PriorityList",
    "ProcessingLevel",
    "Purpose",
    "QueuePlace",
    "RequestedMeasure",
    "StateActual",
    "StateDataFetch",
    "SupportPayment",
]
