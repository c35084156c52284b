"""The incentives\x27 writes."""
