"""Reads of the contracts' records, one module per area, always scoped to the actor (public lists show what the law
makes public)."""
