"""A verification tells whoever started it how it went; the signals carry batches, since monitoring settles
hundreds of verifications in one transaction."""

from django.dispatch import Signal

# sent with verifications=[Verification, …] that have passed or failed (never while they wait)
verifications_finished = Signal()

# sent with verifications=[Verification, …] that wait for a state database that did not answer
verifications_waiting = Signal()
