"""The contracts' tables, one module per area (customers, plans, purchases, …); each is imported here so Django
finds it."""

from nisi.contracts.models.customers import LargeCustomerKind

__all__ = ["LargeCustomerKind"]
