"""The reporting app's background work: thin wrappers, one module per area, imported here so Celery finds them."""

from nisi.reporting.assessment_tasks import return_deadlines_open

__all__ = ["return_deadlines_open"]
