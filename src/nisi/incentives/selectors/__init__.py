"""The incentives' reads, scoped to the actor."""
