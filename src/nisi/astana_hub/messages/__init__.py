"""Messages of the Astana Hub app to personal accounts, one module per area (each registers its own keys)."""

from nisi.astana_hub.messages import assets, fees, financing, governance, participants, programmes, workers  # noqa: F401
