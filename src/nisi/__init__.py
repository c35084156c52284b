"""nisi — the National Information System of Industry of the Republic of Kazakhstan (IP-16)."""
