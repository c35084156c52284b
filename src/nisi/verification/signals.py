"""A verification tells whoever started it that it finished (the register listens)."""

from django.dispatch import Signal

# sent with verification=<Verification> once it has passed or failed (never while it waits)
verification_finished = Signal()

# sent with verification=<Verification> when it has to wait for a state database that did not answer
verification_waiting = Signal()
