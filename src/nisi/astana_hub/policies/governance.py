"""Policies of the governance area (`nisi.core.authz.register_policy`)."""
