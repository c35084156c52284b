"""The Celery app. Eager in the embedded default; a Redis broker when CELERY_BROKER_URL is set."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")

app = Celery("nisi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Deadlines are data (DESIGN 6): once a day, flag the overdue ones and remind of those coming due.
    "deadlines-daily": {
        "task": "nisi.core.tasks.deadlines_daily",
        "schedule": crontab(hour=6, minute=0),
    },
}
