"""Writes on the industrial assembly agreements: conclusion on the standard forms with the conditions checked
(IP-62.1, IP-63, IP-64), multilateral agreements (IP-63.3), the authorized body's checks (IP-62.3), the notice of
violations with its three months in the work queue, their elimination and the unilateral termination with the
benefits to reimburse (IP-62.4, IP-62.6), the benefits granted per code and period, and recall campaigns
(IP-62.5). The agreement and the termination decision are signed documents with a QR code.

One package: `conclusion` (conclusion, checks), `termination` (notice, cure, termination, reimbursement),
`benefits` (benefits granted, recall campaigns), what they share in `common`; every name is read from here."""

from nisi.assembly.services.benefits import benefit_record, recall_complete, recall_record
from nisi.assembly.services.common import (
    AGREEMENT_DOCUMENT,
    LANGUAGES,
    MAX_BRANDS,
    MAX_CODES,
    TERMINATION_DOCUMENT,
    AssemblyError,
    facts_data,
    facts_from,
    last_facts,
    traced,
    unmet_message,
)
from nisi.assembly.services.conclusion import CHECK, agreement_check, agreement_conclude, agreement_data
from nisi.assembly.services.termination import (
    CURE,
    NOTIFY,
    TERMINATE,
    agreement_cure,
    agreement_notify,
    agreement_terminate,
    benefits_of,
    reimbursement_of,
)

__all__ = [
    "AGREEMENT_DOCUMENT",
    "CHECK",
    "CURE",
    "LANGUAGES",
    "MAX_BRANDS",
    "MAX_CODES",
    "NOTIFY",
    "TERMINATE",
    "TERMINATION_DOCUMENT",
    "AssemblyError",
    "agreement_check",
    "agreement_conclude",
    "agreement_cure",
    "agreement_data",
    "agreement_notify",
    "agreement_terminate",
    "benefit_record",
    "benefits_of",
    "facts_data",
    "facts_from",
    "last_facts",
    "recall_complete",
    "recall_record",
    "reimbursement_of",
    "traced",
    "unmet_message",
]
