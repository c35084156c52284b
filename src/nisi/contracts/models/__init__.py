"""The contracts' tables, one module per area (customers, plans, purchases, …); each is imported here so Django
finds it."""

from nisi.contracts.models.customers import LargeCustomer, LargeCustomerKind, NationalWelfareFund, OwnershipLink
from nisi.contracts.models.plans import Exclusion, PlanApplication, PlanKind, PlanLine, ProcurementPlan

__all__ = [
    "Exclusion",
    "LargeCustomer",
    "LargeCustomerKind",
    "NationalWelfareFund",
    "OwnershipLink",
    "PlanApplication",
    "PlanKind",
    "PlanLine",
    "ProcurementPlan",
]
