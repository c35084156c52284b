"""Policies of the programmes area (`nisi.core.authz.register_policy`)."""
