"""Policies of the financing area (`nisi.core.authz.register_policy`)."""
