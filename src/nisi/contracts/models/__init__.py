"""The contracts' tables, one module per area (plans, purchases, …); each is imported here so Django finds it."""
