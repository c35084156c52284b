"""The contracts' tables, one module per area (customers, plans, purchases, …); each is imported here so Django
finds it."""

from nisi.contracts.models.customers import LargeCustomerKind
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

__all__ = [
    "Amendment",
    "ContractKind",
    "ContractYear",
    "Delivery",
    "DevelopmentContract",
    "LargeCustomerKind",
    "OffsetCondition",
    "Penalty",
    "PilotBatchTest",
    "Pledge",
]
