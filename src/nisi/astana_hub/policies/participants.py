"""Policies of the participants area (`nisi.core.authz.register_policy`)."""
