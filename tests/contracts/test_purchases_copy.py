"""A purchases file taken straight into PostgreSQL (services.purchases_copy) is read exactly as the Python path reads
it: the same lines written, the same bad lines with the same numbers and words, all or nothing alike, bad lines
skipped alike. On SQLite only the Python path exists, and these tests compare it with itself."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nisi.contracts.models import PurchaseLine
from nisi.contracts.services import purchases_copy
from nisi.contracts.services.purchases import LINE_COLUMNS, MAX_LINES, PurchaseImportError, purchases_import
from nisi.core import identifiers
from tests.contracts.purchases_fixtures import HEADER, today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY path is PostgreSQL's")

GOOD_BIN = identifiers.complete("19054000012")
BINS = [
    GOOD_BIN,
    GOOD_BIN[:11] + str((int(GOOD_BIN[11]) + 1) % 10),
    f"{GOOD_BIN[:4]} {GOOD_BIN[4:]}",
    GOOD_BIN[:11],
    "ABCDEFGHIJKL",
    "١٩٠٥٤٠٠٠٠١٢٣",
    "",
]
CODES = ["720711", "7207110000", "72071100", "72071", "7207110", "abcdef", ""]
# Zero written many ways and small numbers with leading zeros: the statement tells a positive number by a digit other
# than 0, without a cast (ADR 0021, addendum 5).
QUANTITIES = ["10", "2.5", "2,5", "0", "-1", "1.2345", "abc", "", "1e3", "1234567890123456", "0.001"]
QUANTITIES += ["000", "0.000", "0,010", "00.5", "0.", ".5", "0.0.1"]
AMOUNTS = ["1000.00", "250,50", "0", "0.00", "1.234", "x", "", "123456789012.34", "12345678901234567", " 12 "]
AMOUNTS += ["00.00", "0,01", "000", "0.10", "0.0"]
DATES = [
    "2026-01-15",
    "15.02.2026",
    "2026-02-30",
    "31.04.2026",
    "2027-01-01",
    "1999-12-31",
    "2026/01/15",
    "",
    "29.02.2024",
    "2026-13-01",
    "00.00.0000",
    "2026-03-02",
    "2026-03-03",
]
CONTRACTS = ["Д-1", "", "x" * 101, "a\x07b", "a\tb", "Договор № 5/2026"]
FLAGS = ["", "yes", "no", "ДА", "Да", "да", "maybe", "1", "TRUE", "Жоқ", "иә"]

line = st.tuples(
    st.sampled_from(BINS),
    st.sampled_from(CODES),
    st.sampled_from(QUANTITIES),
    st.sampled_from(AMOUNTS),
    st.sampled_from(DATES),
    st.sampled_from(CONTRACTS),
    st.sampled_from(FLAGS),
)
good_line = st.tuples(
    st.just(GOOD_BIN),
    st.sampled_from(CODES[:3]),
    st.sampled_from(QUANTITIES[:3]),
    st.sampled_from(AMOUNTS[:2]),
    st.sampled_from(DATES[:2]),
    st.sampled_from(CONTRACTS[-1:]),
    st.sampled_from(FLAGS[:6]),
)


def _text(rows: list[Any], separator: str = ",") -> str:
    out = [HEADER.replace(",", separator)]
    for row in rows:
        out.append(row if isinstance(row, str) else separator.join(row))
    return "\n".join(s.rstrip("\n") for s in out) + "\n"


def _import(world: dict[str, Any], text: str, *, skip_bad: bool, copy: bool) -> tuple[Any, ...]:  # noqa: F811
    """What an import did: (written, problems) or the refusal's problems; always rolled back."""
    with transaction.atomic():
        taken = purchases_copy.plan(text, max_lines=MAX_LINES) is not None
        original = purchases_copy.plan
        if not copy:
            purchases_copy.plan = lambda *a, **k: None  # type: ignore[assignment]
        try:
            result = purchases_import(
                actor=world["users"]["customer"], customer=world["customer"], content=text.encode(), skip_bad=skip_bad
            )
            stored = sorted(PurchaseLine.objects.filter(batch=result.batch).values_list(*LINE_COLUMNS[2:], "match_key"))
            outcome: tuple[Any, ...] = (
                "written",
                result.written,
                [(p.line, p.message) for p in result.skipped],
                result.skipped_count,
                stored,
            )
        except PurchaseImportError as refused:
            outcome = ("refused", [(p.line, p.message) for p in refused.problems])
        finally:
            purchases_copy.plan = original  # type: ignore[assignment]
        transaction.set_rollback(True)
    return (taken and copy, *outcome)


def _same(world: dict[str, Any], text: str, *, skip_bad: bool = False) -> tuple[Any, ...]:  # noqa: F811
    by_copy = _import(world, text, skip_bad=skip_bad, copy=True)
    by_python = _import(world, text, skip_bad=skip_bad, copy=False)
    assert by_copy[1:] == by_python[1:]
    return by_copy


@on_postgresql
def test_a_plain_file_goes_straight_to_the_database(world: dict[str, Any]) -> None:  # noqa: F811
    rows = [(GOOD_BIN, "7207110000", "10", "1000.00", "2026-01-15", "Д-1", "no")] * 3
    taken, kind, written, *_ = _same(world, _text(rows))
    assert (taken, kind, written) == (True, "written", 3)


@pytest.mark.parametrize("separator", [",", ";"])
@pytest.mark.parametrize("skip_bad", [False, True])
def test_every_kind_of_bad_line_is_reported_alike(world: dict[str, Any], separator: str, skip_bad: bool) -> None:  # noqa: F811
    good = (GOOD_BIN, "720711", "1", "1", "2026-01-15", "Д", "")
    rows: list[Any] = [good]
    for i, values in enumerate([BINS, CODES, QUANTITIES, AMOUNTS, DATES, CONTRACTS, FLAGS]):
        for value in values:
            rows.append(tuple(value if j == i else v for j, v in enumerate(good)))
    rows += ["", separator * 6, separator.join(good) + separator + "extra", separator.join(good[:5]), "   "]
    if separator == ";":
        rows = [r if isinstance(r, str) else tuple(v.replace(",", "") for v in r) for r in rows]
    outcome = _same(world, _text(rows, separator), skip_bad=skip_bad)
    assert outcome[0] == (connection.vendor == "postgresql")
    assert outcome[1] == ("written" if skip_bad else "refused")


def test_windows_line_ends_and_a_missing_optional_column(world: dict[str, Any]) -> None:  # noqa: F811
    header = "product_code,supplier_bin,quantity,amount,purchase_date,contract_reference\r\n"
    text = header + f"720711,{GOOD_BIN},1,2.50,15.02.2026,Д-7\r\n720711,{GOOD_BIN},0,2.50,15.02.2026,Д-7\r\n"
    outcome = _same(world, text, skip_bad=True)
    assert outcome[1:4] == ("written", 1, [(3, outcome[3][0][1])])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.one_of(line, good_line, good_line), min_size=1, max_size=12), skip_bad=st.booleans())
def test_generated_files_are_read_alike(world: dict[str, Any], rows: list[Any], skip_bad: bool) -> None:  # noqa: F811
    _same(world, _text(rows), skip_bad=skip_bad)


def _first_sum(prefix: str) -> int:
    return sum(int(d) * i for i, d in enumerate(prefix, 1)) % 11


def test_check_digits_of_many_bins_are_read_alike(world: dict[str, Any]) -> None:  # noqa: F811
    """The statement's check digits (integer arithmetic on the number) against the Python path's, on
    every last digit of prefixes whose first sum is 10 (the second weights decide) and of others."""
    rng = random.Random(6)
    prefixes: list[str] = []
    while len(prefixes) < 24:
        prefix = f"{rng.randrange(10**11):011d}"
        # half of them take the second weights (first sum 10), half not
        if (_first_sum(prefix) == 10) == (len(prefixes) % 2 == 0):
            prefixes.append(prefix)
    prefixes += ["00000000000", "99999999999"]
    rows = [
        (prefix + str(last), "720711", "1", "1", "2026-01-15", "Д", "") for prefix in prefixes for last in range(10)
    ]
    outcome = _same(world, _text(rows), skip_bad=True)
    assert outcome[0] == (connection.vendor == "postgresql")
    written = outcome[2]
    assert written == sum(1 for prefix in prefixes for last in range(10) if identifiers.is_valid(prefix + str(last)))
    assert 0 < written < len(rows)
