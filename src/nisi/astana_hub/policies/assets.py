"""Policies of the assets area (`nisi.core.authz.register_policy`)."""
