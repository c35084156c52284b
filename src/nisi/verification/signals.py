"""A verification tells whoever started it how it went; the signals carry batches, since monitoring settles
hundreds of verifications in one transaction."""

from django.dispatch import Signal

# sent with verifications=[Verification, …] that have passed or failed (never while they wait)
verifications_finished = Signal()

# sent with verifications=[Verification, …] that wait for a state database that did not answer
verifications_waiting = Signal()

# sent with events=[LegalEntityEvent, …] read from the legal entities database and not yet handled (liquidations and
# reorganizations); the receiver marks each handled with `events.legal_entity_event_handled`
legal_entity_events_published = Signal()
