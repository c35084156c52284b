"""Every write of the unified map of industrialization: projects (application, check, inclusion, refusal,
exclusion) and their quarterly information."""
