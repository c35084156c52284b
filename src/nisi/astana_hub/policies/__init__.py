"""Who may do what to the Astana Hub records, by state (DESIGN 4), one module per area."""

from nisi.astana_hub.policies import assets, fees, financing, governance, participants, programmes, workers  # noqa: F401
