"""Demo data for `make run` and `nisi demo`: organizations, accounts, and records with history in both apps.

The demo stands above the apps (it calls their services) and nothing imports it but Django's command wiring, which
finds `nisi demo` among its management commands (an import-linter contract keeps it so)."""
