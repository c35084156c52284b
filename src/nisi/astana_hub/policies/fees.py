"""Policies of the fees area (`nisi.core.authz.register_policy`)."""
