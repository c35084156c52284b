"""The register of Kazakhstani commodity producers (IP-51-1 … IP-51-7)."""
