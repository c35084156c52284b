"""The Celery app. Eager in the embedded default; a Redis broker when CELERY_BROKER_URL is set.

Its beat schedule is the one schedule of periodic jobs: `celery beat` runs it in production, and the embedded
default's web server runs it in its own process (`nisi.core.scheduler`, ADR 11)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nisi.config.settings")

app = Celery("nisi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Deadlines are data (DESIGN 6): once a day, at 06:00 in Kazakhstan, flag the overdue ones and remind of those
# coming due. NISI_DEADLINE_JOB_EVERY (seconds) replaces the daily schedule, for a test or a catch-up run.
_every = os.environ.get("NISI_DEADLINE_JOB_EVERY")
app.conf.beat_schedule = {
    "deadlines-daily": {
        "task": "nisi.core.tasks.deadlines_daily",
        "schedule": float(_every) if _every else crontab(hour=6, minute=0),
    },
    # The action journal's chains are signed once a day (ADR 10): `nisi audit verify` compares them with it.
    "journal-checkpoint-daily": {
        "task": "nisi.core.tasks.journal_checkpoint",
        "schedule": crontab(hour=1, minute=30),
    },
    # The register is monitored at least once a quarter (IP-51-4.1). The task asks every day and starts a run on
    # the first day of each period of `register_monitoring_interval` months: the law's parameter, not this file,
    # decides how often.
    "register-monitoring-quarterly": {
        "task": "nisi.registry.tasks.monitoring_quarterly",
        "schedule": crontab(hour=2, minute=0),
    },
    # Finishes monitoring runs and dispatches what a killed worker held once its hold lapsed (ADR 16).
    "register-monitoring-watch": {
        "task": "nisi.registry.tasks.monitoring_watch",
        "schedule": float(os.environ.get("NISI_MONITORING_WATCH_S", "20")),
    },
    # Non-compliances not eliminated by their due date remove the producer (IP-51-4.2, IP-51-6.1).
    "register-noncompliance-daily": {
        "task": "nisi.registry.tasks.noncompliance_expire",
        "schedule": crontab(hour=6, minute=30),
    },
    # Contracts aimed at industrial development: a year's acceptance still due is warned of in its last quarter, and
    # each year is closed (its breach and penalty computed) the day after it ends (IP-48.2, IP-48.4).
    "contracts-daily": {
        "task": "nisi.contracts.tasks.contracts_daily",
        "schedule": crontab(hour=5, minute=30),
    },
    # A published list of goods planned for purchase still without the subsoil use register's receipt, whose delivery
    # nothing owes any more, is owed again (IP-47.5, ADR 24).
    "contracts-register-resend": {
        "task": "nisi.contracts.tasks.plan_publications_resend",
        "schedule": crontab(minute=17),
    },
    # The unified map of industrialization: when a quarter ends, each project's quarterly information is due from the
    # akimat or its responsible body (IP-6.2, IP-11.8); the term is opened once (idempotent).
    "industrialization-quarter-deadlines": {
        "task": "nisi.industrialization.tasks.quarter_deadlines_open",
        "schedule": crontab(hour=5, minute=50),
    },
    # Administrative data forms (IP-6.3): when a period ends, each filer's return is due; opened once (idempotent).
    "reporting-assessment-deadlines": {
        "task": "nisi.reporting.tasks.return_deadlines_open",
        "schedule": crontab(hour=5, minute=55),
    },
    # Domestic raw materials: every listed producer without an agreement is on the authorized body's work queue, a
    # new facility that turned three years old included (IP-60.4, IP-60.6); idempotent.
    "raw-materials-agreement-deadlines": {
        "task": "nisi.raw_materials.tasks.agreement_deadlines_open",
        "schedule": crontab(hour=5, minute=55),
    },
    # Scrap and waste of metals: when a quarter ends, each notified activity's report is due (IP-9.39); opened once.
    "scrap-metal-report-deadlines": {
        "task": "nisi.scrap_metal.tasks.report_deadlines_open",
        "schedule": crontab(hour=5, minute=55),
    },
    # The Eurasian register of industrial goods (IP-9.37): the day's changes of the register prepared as one exchange
    # and owed to the Commission through the outbox; an exchange not yet acknowledged is owed again.
    "eurasian-register-exchange": {
        "task": "nisi.eurasian_register.tasks.exchange_daily",
        "schedule": crontab(hour=4, minute=40),
    },
    # Import prices (IP-52): the customs system's declarations read every hour (an outage waits for the next poll);
    # the last ended month and quarter monitored every day (a signal is raised once per code, unit and period); the
    # catalogue for foreign buyers published as this month's edition on the first day it is not yet (IP-43.2.3).
    "trade-declarations-poll": {
        "task": "nisi.trade.tasks.declarations_poll",
        "schedule": crontab(minute=23),
    },
    "trade-monitoring-daily": {
        "task": "nisi.trade.tasks.monitoring_quarterly",
        "schedule": crontab(hour=6, minute=10),
    },
    "trade-catalogue-monthly": {
        "task": "nisi.trade.tasks.edition_monthly",
        "schedule": crontab(hour=2, minute=30),
    },
    # Needs of industry (IP-55.1, IP-57): each year's term of the needs is opened once for the entities that gave them
    # the year before; a proposal or placement still without its receipt, whose delivery nothing owes, is owed again.
    "industry-needs-daily": {
        "task": "nisi.industry_needs.tasks.industry_needs_daily",
        "schedule": crontab(hour=5, minute=35),
    },
    # Membership fees of Astana Hub participants (AH-10.1.4-2): the running period is charged once (idempotent).
    "astana-hub-fees-charge": {
        "task": "nisi.astana_hub.tasks.fees_charge_period",
        "schedule": crontab(hour=3, minute=0),
    },
    # Foreign workers (AH-7-1): visas expire when past; each ended submission period gets its deadline.
    "astana-hub-workers-daily": {
        "task": "nisi.astana_hub.tasks.workers_daily",
        "schedule": crontab(hour=5, minute=45),
    },
    # Liquidations and reorganizations published by the state database of legal entities remove producers from the
    # register automatically (IP-51-6): the feed is read every NISI_LEGAL_ENTITY_EVENTS_EVERY_S seconds.
    "legal-entity-events-poll": {
        "task": "nisi.verification.tasks.legal_entity_events_poll",
        "schedule": float(os.environ.get("NISI_LEGAL_ENTITY_EVENTS_EVERY_S", "600")),
    },
    # Incentives: each entity that asked is told, once, on the day a measure it would pass opens; and every agreement
    # in force has its counter-obligations' figures asked of the state's systems each month (an outage delays).
    "incentives-alerts-daily": {
        "task": "nisi.incentives.tasks.alerts_check",
        "schedule": crontab(hour=6, minute=10),
    },
    "incentives-state-actuals-daily": {
        "task": "nisi.incentives.tasks.state_actuals_fetch",
        "schedule": crontab(hour=4, minute=20),
    },
    # Tasks that committed work owes and the broker has not taken yet are sent again (the outbox, ADR 11).
    # Published changes a dead process left unnumbered are numbered, and webhook subscribers that are behind and due
    # a retry are delivered to (ADR 37).
    "publication-webhooks-due": {
        "task": "nisi.core.publication.tasks.webhooks_due",
        "schedule": 60.0,
    },
    "outbox-dispatch": {
        "task": "nisi.core.tasks.outbox_dispatch",
        "schedule": 60.0,
    },
    # Verifications waiting for a state database are asked again when their next attempt is due (DESIGN 5), and
    # pending ones whose task was lost are started.
    # The register's changes the cache of public answers could not be told of (Redis did not answer), and a restart
    # of that Redis, are told as soon as it answers: every kept answer retires (ADR 17, addendum 10).
    "public-answers-untold-changes": {
        "task": "nisi.registry.tasks.untold_changes_tell",
        "schedule": float(os.environ.get("NISI_PUBLIC_ANSWER_TELL_S", "30")),
    },
    "verifications-resume": {
        "task": "nisi.verification.tasks.verifications_resume",
        "schedule": 60.0,
    },
}
