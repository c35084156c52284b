"""The contracts' forms, one module per area, in the GOV.UK pattern."""
