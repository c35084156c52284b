"""Every read of the Astana Hub app, scoped to the actor, one module per area."""
