"""Every write of the Astana Hub app, one module per area."""
