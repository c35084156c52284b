"""The contracts' forms in the GOV.UK pattern, one module per area."""
