"""The incentives\x27 reads, scoped to the actor."""
