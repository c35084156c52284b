"""The contracts' rules: pure functions of the law (no database, no clock), one module per area, each citing its
provision."""
