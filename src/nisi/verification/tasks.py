"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from celery import shared_task

from nisi.verification import events, services


@shared_task(name="nisi.verification.tasks.verifications_perform", acks_late=True)
def verifications_perform(ids: list[int]) -> dict[str, int]:
    return services.verifications_perform(ids=ids)


@shared_task(name="nisi.verification.tasks.verifications_announce", acks_late=True)
def verifications_announce(finished: list[int], waiting: list[int]) -> dict[str, int]:
    return services.verifications_announce(finished=finished, waiting=waiting)


@shared_task(name="nisi.verification.tasks.verifications_resume")
def verifications_resume() -> dict[str, int]:
    return services.verifications_perform(ids=services.verifications_due())


@shared_task(name="nisi.verification.tasks.legal_entity_events_poll")
def legal_entity_events_poll() -> dict[str, int]:
    return events.legal_entity_events_poll()


@shared_task(name="nisi.verification.tasks.legal_entity_events_announce", acks_late=True)
def legal_entity_events_announce(ids: list[int]) -> int:
    return events.legal_entity_events_announce(ids=ids)
