"""The contracts' tables, one module per area (customers, plans, purchases, …); each is imported here so Django
finds it."""

from nisi.contracts.models.customers import LargeCustomerKind
from nisi.contracts.models.purchases import PurchaseBatch, PurchaseLine
from nisi.contracts.models.systemic import ProductionSubmission, ProductionVolume, SystemicEntry, SystemicList

__all__ = [
    "LargeCustomerKind",
    "ProductionSubmission",
    "ProductionVolume",
    "PurchaseBatch",
    "PurchaseLine",
    "SystemicEntry",
    "SystemicList",
]
