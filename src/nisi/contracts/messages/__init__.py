"""Messages of the contracts app to personal accounts, one module per area (each registers its own keys)."""

from nisi.contracts.messages import offtake  # noqa: F401
