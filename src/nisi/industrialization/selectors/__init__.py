"""Every read of the unified map of industrialization, scoped to the actor."""
