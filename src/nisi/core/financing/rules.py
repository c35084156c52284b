"""Financing by call on the results of an independent expert assessment: the pure rules every financing scheme
shares (ADR 27). No database and no provision of its own: where a refusal names the law, the caller gives the
provision id (`provision=`), and the app's own rules module says which provision decides what.

What a call is, written as a government fund or a development institute would expect it:

* a call has a window, a budget, a ceiling per project, a pass score and a number of experts per application, and
  scoring criteria whose weights sum to 100 (so that a score is a share of the best possible, 0–100);
* each expert declares first whether they have a conflict of interest; a declared conflict recuses the expert, who
  is then never counted;
* each expert who stays scores every criterion from 0 to its maximum; an expert's score is Σ weight × score /
  maximum; the application's score is the plain average of its non-recused experts' scores, rounded half up to 2
  places once, at the end (rounding each expert first could move an application across the pass score);
* an application is approved only if every required expert scored it and its average reaches the pass score; the
  approved ones are funded in order of score, highest first, each for the amount it requested, while the budget
  lasts (see `decide` for the ranking and tie rule);
* the agreement pays the approved amount in tranches within its term, in their planned order, none while the latest
  monitoring assessment finds the obligations breached; the recipient reports by period, each report due a term
  after its period ends.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from nisi.law import legal_calendar
from nisi.law.trace import Explained

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    weight: Decimal  # share of the total, in per cent
    max_score: int


def criteria_problems(criteria: list[Criterion]) -> list[str]:
    """The scoring criteria of a call: at least one, distinct codes, each with a title, a positive weight and a
    maximum score of at least 1; the weights sum to exactly 100 (every application is measured against the same
    published scale)."""
    problems: list[str] = []
    if not criteria:
        return [_("Give at least one scoring criterion.")]
    codes = [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        problems.append(_("Each criterion needs its own code."))
    for c in criteria:
        if not c.title.strip():
            problems.append(_("Give every criterion a title."))
        if c.weight <= 0:
            problems.append(_("The weight of “%(title)s” must be more than zero.") % {"title": c.title})
        if c.max_score < 1:
            problems.append(_("The maximum score of “%(title)s” must be at least 1.") % {"title": c.title})
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != HUNDRED:
        problems.append(_("The weights of the criteria must sum to 100; they sum to %(total)s.") % {"total": total})
    return problems


def call_problems(
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    budget: Decimal,
    max_per_project: Decimal,
    pass_score: Decimal,
    experts_per_application: int,
    provision: str,
) -> list[str]:
    """The terms of a call. `provision` is the one requiring an independent assessment (the app's law)."""
    problems: list[str] = []
    if closes_on < opens_on:
        problems.append(_("The call cannot close before it opens."))
    if budget <= 0:
        problems.append(_("Give the call's budget (more than zero)."))
    if max_per_project <= 0:
        problems.append(_("Give the ceiling per project (more than zero)."))
    elif max_per_project > budget:
        problems.append(_("The ceiling per project cannot exceed the call's budget."))
    if not 0 <= pass_score <= HUNDRED:
        problems.append(_("The pass score is between 0 and 100."))
    if experts_per_application < 1:
        problems.append(
            _("Each application needs at least one independent expert (%(provision)s).") % {"provision": provision}
        )
    return problems


def is_open_on(on: dt.date, *, opens_on: dt.date, closes_on: dt.date) -> bool:
    """A call takes applications from the day it opens to the day it closes, both inclusive."""
    return opens_on <= on <= closes_on


def window_problems(on: dt.date, *, opens_on: dt.date, closes_on: dt.date) -> list[str]:
    """Why a call does not take an application on a day: not yet open, or already closed."""
    problems: list[str] = []
    if on < opens_on:
        problems.append(_("The call opens on %(d)s; apply from that day.") % {"d": opens_on.isoformat()})
    if on > closes_on:
        problems.append(_("The call closed on %(d)s; watch for the next call.") % {"d": closes_on.isoformat()})
    return problems


def application_problems(
    *,
    on: dt.date,
    opens_on: dt.date,
    closes_on: dt.date,
    requested: Decimal,
    max_per_project: Decimal,
    project_starts_on: dt.date,
    project_ends_on: dt.date,
) -> list[str]:
    """An application within the call's window, asking no more than the ceiling, for a project with a period."""
    problems = window_problems(on, opens_on=opens_on, closes_on=closes_on)
    if requested <= 0:
        problems.append(_("Give the amount requested (more than zero)."))
    elif requested > max_per_project:
        problems.append(
            _("The call finances at most %(max)s tenge per project; reduce the amount requested.")
            % {"max": max_per_project}
        )
    if project_ends_on < project_starts_on:
        problems.append(_("The project cannot end before it starts."))
    return problems


def score_problems(criteria: list[Criterion], scores: dict[str, int]) -> list[str]:
    """An expert's scores: every criterion scored with a whole number from 0 to its maximum, nothing else."""
    problems: list[str] = []
    known = {c.code for c in criteria}
    for code in scores:
        if code not in known:
            problems.append(_("“%(code)s” is not a criterion of this call.") % {"code": code})
    for c in criteria:
        value = scores.get(c.code)
        if value is None:
            problems.append(_("Score “%(title)s”.") % {"title": c.title})
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= c.max_score:
            problems.append(
                _("Score “%(title)s” with a whole number from 0 to %(max)s.") % {"title": c.title, "max": c.max_score}
            )
    return problems


def expert_score(criteria: list[Criterion], scores: dict[str, int]) -> Decimal:
    """One expert's score, 0–100, unrounded: Σ weight × score / maximum."""
    return sum((c.weight * Decimal(scores[c.code]) / Decimal(c.max_score) for c in criteria), Decimal(0))


def weighted_average(criteria: list[Criterion], score_sets: list[dict[str, int]]) -> Decimal | None:
    """The application's score — the average of its (non-recused) experts' scores, rounded half up to 2 places
    once, at the end. None when no expert has scored."""
    if not score_sets:
        return None
    total = sum((expert_score(criteria, s) for s in score_sets), Decimal(0))
    return (total / Decimal(len(score_sets))).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Assessment:
    """One expert's part in the assessment of an application, as the aggregation sees it: whether the expert
    declared a conflict of interest (and was recused), and the scores, if given."""

    recused: bool
    scores: dict[str, int] | None = None


def counted_scores(assessments: list[Assessment]) -> list[dict[str, int]]:
    """The score sets that count: those of the experts who declared no conflict and scored. A recused expert's
    scores never count, even if some were given before the declaration was changed."""
    return [a.scores for a in assessments if not a.recused and a.scores is not None]


def panel_score(criteria: list[Criterion], assessments: list[Assessment]) -> Decimal | None:
    """The application's score from its panel: the weighted average of the counted score sets."""
    return weighted_average(criteria, counted_scores(assessments))


def panel_vacancies(assessments: list[Assessment], *, required: int) -> int:
    """How many more experts the application needs: the required number less those assigned and not recused (a
    recused expert is replaced, never reassigned)."""
    return max(required - sum(1 for a in assessments if not a.recused), 0)


@dataclass(frozen=True)
class Candidate:
    """An application as the decision sees it."""

    number: str
    requested: Decimal
    submitted_on: dt.date
    average: Decimal | None
    scored: int  # experts who scored it
    required: int  # experts the call requires


@dataclass(frozen=True)
class Outcome:
    number: str
    approved: bool
    amount: Decimal | None
    rank: int | None
    reasons: list[str] = field(default_factory=list)


def decide(candidates: list[Candidate], *, pass_score: Decimal, budget: Decimal) -> list[Outcome]:
    """Which projects are financed on the expert assessment results, and why or why not.

    1. Not assessed: fewer than the required experts scored it — refused (the decision rests on the expert
       assessment results only; an incomplete assessment is no result).
    2. Below the pass score — refused.
    3. The rest are ranked by score, highest first; equal scores by the earlier submission, then by the number
       (first come, first served, and a stable order the applicants can check).
    4. Down the ranking, each is approved for the amount it requested while that fits in what remains of the budget;
       one that does not fit is refused and the next is considered (a smaller project further down may still fit:
       the budget serves as many good projects as it can). Amounts are never cut to fit: a project is financed as
       assessed or not at all.
    """
    outcomes: dict[str, Outcome] = {}
    eligible: list[Candidate] = []
    for c in candidates:
        if c.scored < c.required or c.average is None:
            outcomes[c.number] = Outcome(
                c.number,
                approved=False,
                amount=None,
                rank=None,
                reasons=[
                    _("The expert assessment is incomplete: %(n)s of the %(m)s required experts scored the project.")
                    % {"n": c.scored, "m": c.required}
                ],
            )
        elif c.average < pass_score:
            outcomes[c.number] = Outcome(
                c.number,
                approved=False,
                amount=None,
                rank=None,
                reasons=[
                    _("The expert assessment scored the project %(score)s, below the call's pass score of %(pass)s.")
                    % {"score": c.average, "pass": pass_score}
                ],
            )
        else:
            eligible.append(c)
    remaining = budget
    ranked = sorted(eligible, key=lambda c: (-(c.average or Decimal(0)), c.submitted_on, c.number))
    for rank, c in enumerate(ranked, start=1):
        if c.requested <= remaining:
            remaining -= c.requested
            outcomes[c.number] = Outcome(
                c.number,
                approved=True,
                amount=c.requested,
                rank=rank,
                reasons=[
                    _("Scored %(score)s (pass score %(pass)s), ranked %(rank)s of %(n)s; financed within the budget.")
                    % {"score": c.average, "pass": pass_score, "rank": rank, "n": len(ranked)}
                ],
            )
        else:
            outcomes[c.number] = Outcome(
                c.number,
                approved=False,
                amount=None,
                rank=rank,
                reasons=[
                    _(
                        "Scored %(score)s (pass score %(pass)s), ranked %(rank)s of %(n)s; the %(left)s tenge left in "
                        "the call's budget do not cover the %(requested)s tenge requested."
                    )
                    % {
                        "score": c.average,
                        "pass": pass_score,
                        "rank": rank,
                        "n": len(ranked),
                        "left": remaining,
                        "requested": c.requested,
                    }
                ],
            )
    return [outcomes[c.number] for c in candidates]


def tranche_problems(
    *, amount: Decimal, tranches: list[tuple[dt.date, Decimal]], signed_on: dt.date, ends_on: dt.date
) -> list[str]:
    """The agreement's tranches: at least one, each positive and planned within the agreement's term, summing to
    exactly the approved amount (the money goes to the project as decided, no more, no less)."""
    problems: list[str] = []
    if ends_on < signed_on:
        problems.append(_("The agreement cannot end before it is signed."))
    if not tranches:
        problems.append(_("Plan at least one tranche."))
    for planned_on, value in tranches:
        if value <= 0:
            problems.append(_("Every tranche must be more than zero."))
        if not signed_on <= planned_on <= ends_on:
            problems.append(
                _("The tranche of %(d)s falls outside the agreement's term.") % {"d": planned_on.isoformat()}
            )
    total = sum((v for _d, v in tranches), Decimal(0))
    if tranches and total != amount:
        problems.append(
            _("The tranches sum to %(total)s tenge; they must sum to the approved %(amount)s tenge.")
            % {"total": total, "amount": amount}
        )
    return problems


def tranche_release_problems(
    *, paid_on: dt.date, signed_on: dt.date, already_paid_on: dt.date | None, earlier_unpaid: bool, breached: bool
) -> list[str]:
    """What stands in the way of paying a tranche, in the order it is checked: paid already; an earlier tranche
    unpaid (tranches are paid in their planned order); the latest monitoring assessment found the obligations
    breached (the condition of every further tranche); a payment dated before the agreement was signed."""
    problems: list[str] = []
    if already_paid_on is not None:
        problems.append(_("This tranche was paid on %(d)s.") % {"d": already_paid_on.isoformat()})
    if earlier_unpaid:
        problems.append(_("Pay the earlier tranches of the agreement first."))
    if breached:
        problems.append(
            _("The latest monitoring report found the obligations breached: no tranche is paid until that is resolved.")
        )
    if paid_on < signed_on:
        problems.append(_("A tranche cannot be paid before the agreement was signed."))
    return problems


def report_period_problems(
    *, period_start: dt.date, period_end: dt.date, signed_on: dt.date, ends_on: dt.date, submitted_on: dt.date
) -> list[str]:
    """A monitoring report covers a period of the agreement that has ended (a report is on what happened)."""
    problems: list[str] = []
    if period_end < period_start:
        problems.append(_("The period cannot end before it starts."))
    if period_start < signed_on or period_end > ends_on:
        problems.append(_("Report on a period within the agreement's term."))
    if period_end > submitted_on:
        problems.append(_("Report on a period that has ended."))
    return problems


def _plus_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day if it is shorter): a period boundary, not a term, so it is
    never moved off a non-working day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def report_periods(*, signed_on: dt.date, ends_on: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    """The agreement's reporting periods: from the signing, each `months` long (the scheme's reporting interval),
    the last cut at the agreement's end. A period ends the day before the next begins."""
    if months < 1:
        raise ValueError(_("A reporting period is at least one month long; give the interval in whole months."))
    periods: list[tuple[dt.date, dt.date]] = []
    start = signed_on
    n = 1
    while start <= ends_on:
        nxt = _plus_months(signed_on, months * n)
        end = min(nxt - dt.timedelta(days=1), ends_on)
        periods.append((start, end))
        start, n = nxt, n + 1
    return periods


def report_due(period_end: dt.date, *, count: int, unit: str, provision: str | None) -> Explained[dt.date]:
    """The day a period's report is due: the scheme's term (a dated parameter the app reads, in calendar or working
    days or months) counted from the end of the period, by the legal calendar (a term ending on a non-working day
    ends on the next working day)."""
    return legal_calendar.term_from(period_end, count, unit, provision=provision)


@dataclass(frozen=True)
class Timeliness:
    on_time: bool
    days_late: int
    due: dt.date


def report_timeliness(submitted_on: dt.date, due: dt.date) -> Timeliness:
    """A report submitted on or before its due day is on time; after it, late by the calendar days past it."""
    late = max((submitted_on - due).days, 0)
    return Timeliness(on_time=late == 0, days_late=late, due=due)
