"""Reads of the register: public lookups (now and on a past date), open data, and the actors' own lists."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Hashable, Iterator
from typing import Any, Generic, TypeVar, overload

from django.db import connection
from django.db.models import Count, Model, OuterRef, Q, QuerySet, Subquery

from nisi.core.authz import Actor, scope
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import Organization
from nisi.core.text import search_words
from nisi.registry import public_answers, rules
from nisi.registry.answer_statements import (  # noqa: F401 - their readers import them from here
    NOT_YET_INCLUDED,
    PRIOR_CERTIFICATE_FIELDS,
    PUBLIC_GOOD_FIELDS,
    goods_by_code_json,
    json_in_database,
    prior_certificates,
    producer_json,
)
from nisi.registry.models import (
    Appeal,
    MonitoringCheck,
    MonitoringRun,
    PriorCertificate,
    ProductionConditions,
    RecordPeriod,
    RegisterApplication,
    RegisterGood,
    RegisterRecord,
    SoftwareNotice,
    WhollyProducedEntry,
)


def _goods_on(on: dt.date | None) -> Q:
    if on is None:
        return Q(removed_on__isnull=True)
    return Q(included_on__lte=on) & (Q(removed_on__isnull=True) | Q(removed_on__gt=on))


def in_register_on(identifier: str, on: dt.date) -> bool:
    """Was this producer in the register on this day? (Procurement disputes ask; DESIGN 7.)"""
    return RecordPeriod.objects.filter(
        Q(record__organization__identifier=identifier),
        Q(included_from__lte=on),
        Q(included_to__isnull=True) | Q(included_to__gt=on),
    ).exists()


def record_by_identifier(identifier: str) -> RegisterRecord | None:
    return RegisterRecord.objects.select_related("organization").filter(organization__identifier=identifier).first()


def status_on(periods: list[RecordPeriod], on: dt.date) -> str:
    """The record's status on a day, from its periods in the register: included, removed, or not yet included."""
    if any(p.included_from <= on and (p.included_to is None or p.included_to > on) for p in periods):
        return RegisterRecord.Status.INCLUDED
    if any(p.included_from <= on for p in periods):
        return RegisterRecord.Status.REMOVED
    return NOT_YET_INCLUDED


def as_on(goods: list[RegisterGood], on: dt.date | None) -> list[RegisterGood]:
    """Goods found in the register on `on` (by `_goods_on`) as they stood that day: in the register, their removal
    (if any) not yet known. Shown, never saved."""
    if on is not None:
        for good in goods:
            good.status, good.removed_on = RegisterGood.Status.IN_REGISTER, None
    return goods


@functools.cache
def register_start() -> dt.date:
    """The first day the register existed (`rules.register_start`)."""
    return rules.register_start()


def prior_recognition(identifier: str, on: dt.date) -> list[PriorCertificate]:
    """The certificates and IP-51 database entries that recognised `identifier` as a domestic producer on `on`
    (IP-68: in force until 1 January 2026, whatever validity they printed). Public, like the register."""
    end = rules.prior_certificates_end()
    candidates = PriorCertificate.objects.filter(identifier=identifier, issued_on__lte=on, valid_to__gte=on)
    return [c for c in candidates if rules.prior_certificate_valid_on(c.issued_on, c.valid_to, on, end)]


def prior_recognition_text(identifier: str, on: dt.date) -> bytes:
    """The public answer about a producer on a day before the register (the API's `PriorRecognitionOut`, as
    django-ninja writes it; a test checks they agree) as JSON text (UTF-8): what `prior_recognition` finds, read in
    one statement, so that the lookups' front layer builds it too and such a question costs no more than one about a
    day of the register."""
    end = rules.prior_certificates_end()
    held = [
        certificate
        for certificate in prior_certificates(identifier)
        if rules.prior_certificate_valid_on(
            dt.date.fromisoformat(certificate["issued_on"]), dt.date.fromisoformat(certificate["valid_to"]), on, end
        )
    ]
    answer = {
        "identifier": identifier,
        "on": on.isoformat(),
        "source": "prior_certificate",
        "recognized": bool(held),
        "register_from": register_start().isoformat(),
        "certificates": held,
    }
    return json.dumps(answer).encode()


def record_on(identifier: str, on: dt.date | None = None) -> dict[str, Any] | None:
    """A producer as the register showed it on a date (today if none), wholly as on that day: its status then, its
    periods begun by then (one running then is shown open), its goods then, each in the register then (a later
    removal or replacement is not yet known on that day). None if it has never had a record.

    The one answer to "this producer on D": the page and the API use it, and `producer_json` says the same in SQL.
    """
    record = record_by_identifier(identifier)
    if record is None:
        return None
    periods = list(record.periods.order_by("included_from"))
    goods = list(record.goods.filter(_goods_on(on)).order_by("hs_code", "id"))
    if on is None:
        status = record.status
    else:
        status = status_on(periods, on)
        periods = [p for p in periods if p.included_from <= on]
        for period in periods:  # shown, never saved
            if period.included_to is not None and period.included_to > on:
                period.included_to = None
        as_on(goods, on)
    return {
        "record": record,
        "status": status,
        "in_register": status == RegisterRecord.Status.INCLUDED,
        "on": on,
        "goods": goods,
        "periods": periods,
    }


M = TypeVar("M", bound=Model)

# A search that matches more goods than this is counted as "more than": an exact count of a wide search costs
# far more than its first page (about 0.4 s for 10,000 matches of 1,000,000 goods), and nobody reads past the
# first twenty pages of so wide a search: they add a word, a code or a region.
SEARCH_COUNT_CAP = 1_000


class CappedCount(Generic[M]):
    """A query whose count stops at SEARCH_COUNT_CAP + 1, for a paginator (Django's Paginator asks `count()` and
    slices); with `question`, the count is kept until the register changes (public_answers)."""

    def __init__(self, query: QuerySet[M], cap: int | None = None, question: tuple[Hashable, ...] = ()) -> None:
        self.query, self.cap, self.question = query, SEARCH_COUNT_CAP if cap is None else cap, question
        self.ordered = query.ordered
        self._count: int | None = None

    def _counted(self) -> int:
        # Unordered and without the joined columns: PostgreSQL then stops at the cap instead of sorting every match.
        return self.query.order_by().select_related(None)[: self.cap + 1].count()

    def count(self) -> int:
        if self._count is None:
            question = ("search", self.cap, *self.question)
            self._count = public_answers.count(question, self._counted) if self.question else self._counted()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[M]:
        return iter(self.query)

    @overload
    def __getitem__(self, key: int) -> M: ...
    @overload
    def __getitem__(self, key: slice) -> QuerySet[M]: ...
    def __getitem__(self, key: int | slice) -> M | QuerySet[M]:
        return self.query[key]


def _under_code(code: str) -> Q:
    """Goods under an HS code (6 digits) or a TN VED code (up to 10), or a prefix of either."""
    under = Q(hs_code__startswith=code[:6]) & (Q(tnved_code__startswith=code) | Q(tnved_code=""))
    if len(code) > 6:
        under &= Q(tnved_code__startswith=code)
    return under


def public_goods(
    *, q: str = "", identifier: str = "", code: str = "", region: str = "", on: dt.date | None = None
) -> QuerySet[RegisterGood]:
    """Goods in the register (now, or on a date), searchable by name, BIN, product code or region."""
    goods = RegisterGood.objects.select_related("record__organization").filter(_goods_on(on))
    if on is None:
        # The record's status and region as copied onto its goods (migration 0012): one index serves the page.
        goods = goods.filter(record_status=RegisterRecord.Status.INCLUDED)
    if identifier:
        goods = goods.filter(record__organization__identifier=identifier)
    if code:
        goods = goods.filter(_under_code(code))
    if region:
        goods = goods.filter(record_region=region)
    for word in search_words(q):
        # Names are compared folded (case, accents, Kazakh letters), on PostgreSQL through a trigram index.
        matches = Q(search_text__contains=word)
        # People type a product code or a BIN into the one search box as often as a name.
        if is_latin_digits(word) and 2 <= len(word) <= 10:
            matches |= _under_code(word)
        if is_latin_digits(word) and len(word) == 12:
            # The record's id, not a join: an OR across a join would make PostgreSQL read every good.
            records = RegisterRecord.objects.filter(organization__identifier=word).values_list("id", flat=True)
            matches |= Q(record_id__in=list(records))
        goods = goods.filter(matches)
    return goods.order_by("record_number", "hs_code", "id")


def public_goods_page(
    *, q: str = "", code: str = "", region: str = "", on: dt.date | None = None, offset: int = 0, limit: int = 20
) -> list[RegisterGood]:
    """`public_goods(…)[offset:offset + limit]`, the same goods, by a plan that stays short whatever the words.

    On PostgreSQL a search by words is answered in two steps (ADR 17, addendum 7). First the matches' ids, at most
    SEARCH_COUNT_CAP + 1 in no order (the trigram index, or the table read until that many are found: a few ms).
    Words found in no more goods than that: the page is those goods sorted. A word found in more: its goods are
    dense enough that walking the index `registry_good_search_page` in the answer's order finds the page's matches
    among its first rows (~20 * 1,000 rows at most for a page of 20, on average), and it is walked (`_walked`).
    Either one alone has a bad case: sorting every match of a word in 50,000 goods cost
    ~0.1-0.3 s, and walking the index for words found together in no good (each common, so the walk looks cheap)
    read all 1,000,000 (~0.5 s)."""
    goods = public_goods(q=q, code=code, region=region, on=on)
    if connection.vendor == "postgresql" and search_words(q):
        found = list(goods.order_by().values_list("id", flat=True)[: SEARCH_COUNT_CAP + 1])
        if len(found) <= SEARCH_COUNT_CAP:
            if not found or offset >= len(found):
                return []
            # Those goods by their ids (the words are not asked again: the planner could read the trigram index
            # anew for them), the other conditions kept.
            goods = public_goods(code=code, region=region, on=on).filter(id__in=found)
        else:
            return _walked(goods[offset : offset + limit])
    return list(goods[offset : offset + limit])


def _walked(page: QuerySet[RegisterGood]) -> list[RegisterGood]:
    """A page of goods read in its order from an index, never by sorting every match: PostgreSQL's estimate of how
    many goods a long word matches is a guess (a hundred, for one found in 2,500), and on a low guess it chose to
    sort them all. Sorting is made the last resort for this one statement, and so is splitting its walk among
    parallel workers: starting them cost ~15 ms for a walk of ~2 ms. Both are set back after it (a setting made in a
    transaction that fails is undone with it)."""
    with connection.cursor() as cursor:
        cursor.execute("SET enable_sort = off; SET max_parallel_workers_per_gather = 0")
        try:
            return list(page)
        finally:
            if not connection.needs_rollback:
                cursor.execute("RESET enable_sort; RESET max_parallel_workers_per_gather")


OPEN_DATA_FIELDS = (
    "register_number",
    "identifier",
    "name",
    "oked",
    "kato",
    "region",
    "included_on",
    "hs_code",
    "tnved_code",
    "good_name_ru",
    "good_name_kk",
    "annual_capacity",
    "unit",
    "domestic_value_share",
    "wholly_produced",
    "good_included_on",
    "basis",
)


def open_data_rows(*, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """The current register, one row per good, streamed in chunks (never the whole register in memory)."""
    rows = (
        RegisterGood.objects.filter(removed_on__isnull=True, record__status=RegisterRecord.Status.INCLUDED)
        .order_by("record__number", "id")
        .values_list(
            "record__number",
            "record__organization__identifier",
            "record__organization__name",
            "record__organization__oked",
            "record__site_kato",
            "record__region_code",
            "record__included_on",
            "hs_code",
            "tnved_code",
            "name_ru",
            "name_kk",
            "annual_capacity",
            "unit",
            "domestic_value_share",
            "wholly_produced",
            "included_on",
            "record__basis",
        )
    )
    for row in rows.iterator(chunk_size=chunk_size):
        item: dict[str, Any] = dict(zip(OPEN_DATA_FIELDS, row, strict=True))
        for key in ("included_on", "good_included_on", "annual_capacity", "domestic_value_share"):
            value = item[key]
            item[key] = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
        yield item


def applications_for(actor: Actor) -> QuerySet[RegisterApplication]:
    return scope(actor, RegisterApplication.objects.select_related("organization", "verification"))


def assessment_queue(actor: Actor) -> QuerySet[RegisterApplication]:
    return (
        applications_for(actor)
        .filter(status__in=[RegisterApplication.Status.ASSESSMENT, RegisterApplication.Status.INSPECTION])
        .order_by("submitted_at")
    )


def records_for(actor: Actor) -> QuerySet[RegisterRecord]:
    return scope(actor, RegisterRecord.objects.select_related("organization"))


def appeals_for(actor: Actor) -> QuerySet[Appeal]:
    return scope(actor, Appeal.objects.select_related("removal__record__organization"))


def monitoring_progress(run: MonitoringRun) -> dict[str, int]:
    """How far a run has got: checks by status, and the total."""
    counts = dict.fromkeys(MonitoringCheck.Status.values, 0)
    for row in run.checks.values("status").order_by().annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return {"total": run.total, **counts}


def software_notices_for(actor: Actor) -> QuerySet[SoftwareNotice]:
    """The informatization authority's notices the actor may see (a producer: those about it)."""
    return scope(actor, SoftwareNotice.objects.select_related("organization")).order_by("-received_at", "-id")


def wholly_produced_for(actor: Actor) -> QuerySet[WhollyProducedEntry]:
    """Information on goods wholly produced the actor may see: an officer of a competent body, what they
    submitted; an akimat, its region's; the authorized body, all of it."""
    producer = Organization.objects.filter(identifier=OuterRef("identifier")).values("name")[:1]
    return (
        scope(actor, WhollyProducedEntry.objects.all())
        .annotate(organization_name=Subquery(producer))
        .order_by("-received_at", "-id")
    )


def conditions_approved() -> QuerySet[ProductionConditions]:
    """The approved versions of production conditions: public (IP-51-7); drafts never are."""
    return ProductionConditions.objects.filter(status=ProductionConditions.Status.APPROVED)


def conditions_drafts_for(actor: Actor) -> QuerySet[ProductionConditions]:
    return scope(actor, ProductionConditions.objects.filter(status=ProductionConditions.Status.DRAFT)).order_by(
        "product_code"
    )
