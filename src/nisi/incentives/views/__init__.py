"""The incentives\x27 pages."""
