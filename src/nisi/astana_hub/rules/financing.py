"""Financing of projects of innovation cluster actors from the Fund's own assets on the results of an independent
expert assessment (AH-4.5, AH-8-1.1, AH-10.2-1, AH-10.5).

The law says only that the Fund determines the projects it finances from its own assets "based on the expert
assessment results" (AH-10.2-1), that the assessment is objective and independent (AH-4.5), and that the assets
serve, among other things, the financing of the cluster actors' projects (AH-10.5). How a call is run is the
Fund's own rule, and it is the one the core writes for every financing scheme (`nisi.core.financing.rules`,
ADR 27), which the Fund follows under the Astana Hub law's provisions:

* the scoring criteria of a call weigh 100 in all, the same published scale for every application (AH-4.5);
* each application has at least one independent expert, who declares no conflict of interest before scoring, and
  a recused expert's scores never count (AH-4.5);
* the Fund decides on the expert assessment results only (AH-10.2-1): the application's score is the average of
  its experts' scores, and the approved ones are financed down the ranking while the call's budget lasts — as many
  good projects as the budget serves (the efficiency of support, AH-4.3);
* the agreement's tranches sum to exactly the approved amount, paid within its term (AH-10.5: the Fund's assets go
  to the project as decided, no more, no less);
* a monitoring report covers a period of the agreement that has ended.
"""

from __future__ import annotations

from functools import partial

from nisi.core.financing import rules as core
from nisi.core.financing.rules import (
    Candidate,
    Criterion,
    Outcome,
    application_problems,
    criteria_problems,
    decide,
    expert_score,
    report_period_problems,
    score_problems,
    tranche_problems,
    weighted_average,
)

__all__ = [
    "Candidate",
    "Criterion",
    "Outcome",
    "application_problems",
    "call_problems",
    "criteria_problems",
    "decide",
    "expert_score",
    "report_period_problems",
    "score_problems",
    "tranche_problems",
    "weighted_average",
]

INDEPENDENT_ASSESSMENT = "AH-4.5"

# The terms of a call; each application needs at least one independent expert (AH-4.5).
call_problems = partial(core.call_problems, provision=INDEPENDENT_ASSESSMENT)
