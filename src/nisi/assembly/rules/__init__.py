"""The law of industrial assembly agreements (IP-62 … IP-65), as pure functions: no database, explicit dates, every
threshold a dated parameter (`law/parameters/assembly.yaml`), the MCI the one in force on the date asked.

* `conditions` — the conditions of concluding and keeping an agreement by category: operations, models per brand,
  two-shift capacity and production assets in MCI (IP-63.2, IP-64.1, IP-64.2), checked by the authorized body
  (IP-62.3);
* `performance` — the three months to eliminate violations after the notice (IP-62.4) and when unilateral
  termination is open; the benefits to reimburse on termination by FEA CN code since conclusion (IP-62.6);
  multilateral agreements (IP-63.3) and what fulfilment opens (IP-63.4).

Every name stays importable from `nisi.assembly.rules`."""

from nisi.assembly.rules.conditions import (
    ASSETS_PARAMETER,
    ASSETS_PROVISION,
    CAPACITY_PARAMETER,
    CODE_PREFIXES,
    FORM_OF,
    IP_63_2,
    ZERO,
    AssemblyRuleError,
    Category,
    Facts,
    Finding,
    Form,
    Operation,
    Verdict,
    assets_threshold,
    category_of_code,
    code_problems,
    conditions_check,
    required_operations,
)
from nisi.assembly.rules.performance import (
    Benefit,
    CodeTotal,
    Reimbursement,
    benefit_problems,
    cure_period_end,
    fulfilment,
    multilateral_problems,
    reimbursement,
    termination_problems,
)

__all__ = [
    "ASSETS_PARAMETER",
    "ASSETS_PROVISION",
    "CAPACITY_PARAMETER",
    "CODE_PREFIXES",
    "FORM_OF",
    "IP_63_2",
    "ZERO",
    "AssemblyRuleError",
    "Benefit",
    "Category",
    "CodeTotal",
    "Facts",
    "Finding",
    "Form",
    "Operation",
    "Reimbursement",
    "Verdict",
    "assets_threshold",
    "benefit_problems",
    "category_of_code",
    "code_problems",
    "conditions_check",
    "cure_period_end",
    "fulfilment",
    "multilateral_problems",
    "reimbursement",
    "required_operations",
    "termination_problems",
]
