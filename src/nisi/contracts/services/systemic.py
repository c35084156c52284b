"""Systemic enterprises (IP-47-1, IP-11.3): akimats submit their territory's production volumes; the authorized
body computes the list of manufacturers above the share in force and approves it, a dated version that supersedes
the one before and keeps the figures each entry rests on."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.db import connection, transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import ProductionSubmission, ProductionVolume, SystemicEntry, SystemicList
from nisi.contracts.rules import systemic as rules
from nisi.core.authz import Actor, require
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.core.models import Organization, Region
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Transition, transition_apply
from nisi.law import clock, provisions

FIRST_YEAR = 2000
MAX_VOLUMES = 100_000


class SystemicError(ValueError):
    """A submission or a list refused; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _pk(record: object) -> str:
    return str(record.pk)  # type: ignore[attr-defined]


def _parse_volumes(volumes: Sequence[tuple[str, str]]) -> tuple[dict[str, Decimal], list[str]]:
    parsed: dict[str, Decimal] = {}
    problems: list[str] = []
    for i, (bin_text, volume_text) in enumerate(volumes, 1):
        try:
            bin_ = validate(bin_text)
        except InvalidIdentifier as exc:
            problems.append(_("line %(line)s: %(message)s") % {"line": i, "message": exc})
            continue
        try:
            volume = Decimal(str(volume_text).strip().replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            volume = Decimal(-1)
        if not volume.is_finite() or volume < 0 or volume.as_tuple().exponent < -2 or volume >= Decimal(10) ** 18:  # type: ignore[operator]
            problems.append(
                _("line %(line)s: the volume must be tenge, zero or more, with at most 2 decimal places") % {"line": i}
            )
            continue
        if bin_ in parsed:
            problems.append(
                _("line %(line)s: the BIN %(bin)s is given twice; keep one line") % {"line": i, "bin": bin_}
            )
            continue
        parsed[bin_] = volume
    return parsed, problems


@transaction.atomic
def submission_create(
    *, actor: Actor, region: Region, year: int, territory_total: Decimal, volumes: Sequence[tuple[str, str]]
) -> ProductionSubmission:
    """A draft of the territory's production volumes for a year (IP-11.3): the territory's whole volume and each
    manufacturer's, by BIN. Every bad line is reported; nothing is written while any is bad."""
    today = clock.today()
    submission = ProductionSubmission(
        region=region,
        year=year,
        territory_total=territory_total,
        created_at=clock.now(),
        created_by_label=actor.label[:200],
    )
    require(actor, submission, "edit")
    if not FIRST_YEAR <= year <= today.year:
        raise SystemicError(
            _("Give a year from %(first)s to %(last)s: volumes are submitted for a year that has begun.")
            % {"first": FIRST_YEAR, "last": today.year},
            "year",
        )
    if territory_total <= 0:
        raise SystemicError(_("The territory's production volume must be more than zero."), "territory_total")
    parsed, problems = _parse_volumes(volumes)
    if not parsed and not problems:
        problems.append(_("Give at least one manufacturer's volume."))
    if len(parsed) > MAX_VOLUMES:
        problems.append(_("A submission may hold at most %(max)s manufacturers.") % {"max": MAX_VOLUMES})
    known = dict(Organization.objects.filter(identifier__in=list(parsed)).values_list("identifier", "id"))
    unknown = [b for b in parsed if b not in known]
    if unknown:
        problems.append(
            _("These BINs are not known to the system; register the organizations first: %(bins)s")
            % {"bins": ", ".join(unknown[:20])}
        )
    over = [b for b, v in parsed.items() if v > territory_total]
    if over:
        problems.append(
            _("These manufacturers' volumes exceed the territory's whole volume: %(bins)s") % {"bins": ", ".join(over)}
        )
    if problems:
        raise SystemicError(" ".join(problems), "volumes")
    submission.save()
    ProductionVolume.objects.bulk_create(
        [ProductionVolume(submission=submission, manufacturer_id=known[b], volume=v) for b, v in parsed.items()]
    )
    journal_append(
        actor=actor,
        subject_type="production_submission",
        subject_id=str(submission.pk),
        action="drafted",
        payload={"region": region.code, "year": year, "manufacturers": len(parsed)},
        provisions=["IP-11.3"],
    )
    return submission


SUBMIT = Transition(
    name="submit",
    subject_type="production_submission",
    journal_action="submitted",
    journal_provisions=("IP-11.3", "IP-47-1.1"),
    target=ProductionSubmission.Status.SUBMITTED,
    sources=(ProductionSubmission.Status.DRAFT,),
    provision="IP-11.3",
    subject_id=_pk,
    decided_at_field="submitted_at",
    error=SystemicError,
)


@transaction.atomic
def submission_submit(*, actor: Actor, submission: ProductionSubmission) -> ProductionSubmission:
    """Submits the draft to the authorized body; an earlier submission for the territory and year is replaced."""
    require(actor, submission, "submit")
    ProductionSubmission.objects.filter(
        region_id=submission.region_id, year=submission.year, status=ProductionSubmission.Status.SUBMITTED
    ).update(status=ProductionSubmission.Status.REPLACED)
    return transition_apply(actor=actor, record=submission, transition=SUBMIT)


def _entries_sql(vendor: str, territories: int) -> str:
    """One INSERT … SELECT of the list's entries: each volume of the year's submitted submissions at or above its
    territory's bound (`rules.least_systemic_volume`, given as %(s<i>)s, %(b<i>)s pairs: exactly `rules.is_systemic`
    for volumes in whole tiyn), with the share `rules.territory_share` gives, rounded half up to 6 places on whole
    numbers: ⌊(2 × volume × 10⁶ + total) ÷ (2 × total)⌋ ÷ 10⁶ (PostgreSQL: `numeric`; SQLite, which keeps
    decimals as REAL: whole tiyn)."""
    q = connection.ops.quote_name
    entry, volume, submission = (q(m._meta.db_table) for m in (SystemicEntry, ProductionVolume, ProductionSubmission))
    places = 10 ** -rules.SHARE_PLACES.as_tuple().exponent  # type: ignore[operator]
    if vendor == "postgresql":
        number = "numeric"
        share = f"div(v.volume * {2 * places} + s.territory_total, 2 * s.territory_total) / {places}"
    else:
        number = "REAL"
        vol, total = "CAST(ROUND(v.volume * 100) AS INTEGER)", "CAST(ROUND(s.territory_total * 100) AS INTEGER)"
        share = f"CAST(({vol} * {2 * places} + {total}) / (2 * {total}) AS REAL) / {places}"
    bounds = " UNION ALL ".join(
        f"SELECT %(s{i})s AS submission_id, CAST(%(b{i})s AS {number}) AS lowest" for i in range(territories)
    )
    return f"""
    INSERT INTO {entry} (systemic_list_id, manufacturer_id, region_id, volume, territory_total, share, submission_id)
    SELECT %(list)s, v.manufacturer_id, s.region_id, v.volume, s.territory_total, {share}, s.id
    FROM ({bounds}) b JOIN {volume} v ON v.submission_id = b.submission_id JOIN {submission} s ON s.id = b.submission_id
    WHERE v.volume >= b.lowest AND s.status = %(status)s
    """  # noqa: S608 - names from the models' metadata; every value is a parameter


def _entries_insert(draft: SystemicList, year: int) -> int:
    """Writes the draft's entries in one statement (IP-47-1.1): each territory's bound from the rule, every volume
    compared with it in the database; how many."""
    submitted = list(
        ProductionSubmission.objects.filter(year=year, status=ProductionSubmission.Status.SUBMITTED).values_list(
            "pk", "territory_total"
        )
    )
    params: dict[str, int | str] = {"list": draft.pk, "status": ProductionSubmission.Status.SUBMITTED.value}
    for i, (pk, total) in enumerate(submitted):
        params[f"s{i}"] = pk
        params[f"b{i}"] = str(rules.least_systemic_volume(total, draft.threshold))
    if not submitted:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_entries_sql(connection.vendor, len(submitted)), params)
        return int(cursor.rowcount)


@transaction.atomic
def systemic_list_compute(*, actor: Actor, year: int) -> SystemicList:
    """A new draft version of the year's list from the territories' submitted volumes: each manufacturer whose
    volume is more than the share in force of its territory's volume (IP-47-1.1), with the figures."""
    today = clock.today()
    draft = SystemicList(year=year, version=1, threshold=Decimal(0), computed_at=clock.now())
    require(actor, draft, "compute")
    try:
        provisions.require_in_force("IP-47-1.2", today)
    except provisions.NotInForce as exc:
        raise SystemicError(str(exc)) from exc
    if not ProductionSubmission.objects.filter(year=year, status=ProductionSubmission.Status.SUBMITTED).exists():
        raise SystemicError(
            _("No akimat has submitted its production volumes for %(year)s yet; the list is computed from them.")
            % {"year": year},
            "year",
        )
    threshold = rules.threshold_on(today)
    last = SystemicList.objects.filter(year=year).order_by("-version").values_list("version", flat=True).first()
    draft.version = (last or 0) + 1
    draft.threshold = Decimal(threshold.value)
    draft.threshold_reference = threshold.reference[:300]
    draft.computed_by_label = actor.label[:200]
    draft.save()
    written = _entries_insert(draft, year)
    journal_append(
        actor=actor,
        subject_type="systemic_list",
        subject_id=str(draft.pk),
        action="computed",
        payload={"year": year, "version": draft.version, "entries": written, "threshold": str(draft.threshold)},
        provisions=["IP-47-1.1"],
    )
    return draft


APPROVE = Transition(
    name="approve",
    subject_type="systemic_list",
    journal_action="approved",
    journal_provisions=("IP-47-1.2",),
    target=SystemicList.Status.APPROVED,
    sources=(SystemicList.Status.DRAFT,),
    provision="IP-47-1.2",
    subject_id=_pk,
    dated_field="approved_on",
    decided_by_field="approved_by_label",
    error=SystemicError,
)


@transaction.atomic
def systemic_list_approve(*, actor: Actor, systemic_list: SystemicList) -> SystemicList:
    """Approves a draft version (IP-47-1.2); the version approved before it for the year is superseded."""
    require(actor, systemic_list, "approve")
    SystemicList.objects.filter(year=systemic_list.year, status=SystemicList.Status.APPROVED).update(
        status=SystemicList.Status.SUPERSEDED
    )
    return transition_apply(actor=actor, record=systemic_list, transition=APPROVE)
