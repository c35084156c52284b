"""The contracts' messages to personal accounts and deadline kinds, one module per area; each is imported here so
that the keys are registered when the app loads."""

from nisi.contracts.messages import offtake, plans, programmes  # noqa: F401
