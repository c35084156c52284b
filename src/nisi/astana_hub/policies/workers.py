"""Policies of the workers area (`nisi.core.authz.register_policy`)."""
