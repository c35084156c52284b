"""The incentives\x27 records."""
