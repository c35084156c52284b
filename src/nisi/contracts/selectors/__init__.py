"""Every read of the contracts, scoped to the actor, one module per area."""
