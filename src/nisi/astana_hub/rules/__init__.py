"""Pure functions of the Astana Hub law, one module per area: no database, no I/O, explicit reference dates."""
