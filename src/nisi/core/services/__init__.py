"""Every write of the shared core. Each function is keyword-only, runs in one transaction, asks
`allowed_actions` where a record is acted on, and appends to the action journal."""
