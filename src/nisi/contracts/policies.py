"""Who may do what with the contracts' records: each kind's policy joins the one authorization function
(`nisi.core.authz`). Each area of the app adds its kinds here."""

# --- purchases and systemic enterprises (ctpurch) ---------------------------------------------------------------
# Imported here and not at the top, so that each area's block stays its own when the areas are merged.
from nisi.contracts.policies_purchases import (
    BATCH_POLICY,
    LINE_POLICY,
    SUBMISSION_POLICY,
    SYSTEMIC_LIST_POLICY,
)

__all__ = ["BATCH_POLICY", "LINE_POLICY", "SUBMISSION_POLICY", "SYSTEMIC_LIST_POLICY"]
