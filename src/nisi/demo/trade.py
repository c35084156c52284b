"""Demo data of foreign trade: import declarations of three of the register's product codes over the last four
quarters (one of them imported far below its producers' price, so that the monitoring raises a signal on the
authorized body's work queue, demo-officer), the producers' reported prices, export profiles proposed by the export
development institute (demo-institute) and confirmed by their producers, one with its contacts, and this month's
edition of the catalogue for foreign buyers (IP-52, IP-43.2.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.roles import Role
from nisi.law import clock
from nisi.law.money import TIYN
from nisi.registry import selectors as registry
from nisi.trade import rules
from nisi.trade.models import ImportDeclaration
from nisi.trade.selectors import organization
from nisi.trade.services import catalogue, declarations, monitoring

INSTITUTE = Actor(user_id=None, label="demo-institute", grants=(Grant(Role.DEVELOPMENT_INSTITUTE),))
OFFICER = Actor(user_id=None, label="demo-officer", grants=(Grant(Role.AUTHORIZED_BODY),))
# Import price as a share of the producer's price, by code in order: the first far below it (a signal), the others
# near it or above it. Countries of origin in turn.
SHARES = (Decimal("0.55"), Decimal("0.92"), Decimal("1.15"))
COUNTRIES = ("CN", "RU", "TR", "UZ", "DE")
BASE_PRICE = Decimal("250000.00")


def _codes() -> list[tuple[str, str, str]]:
    """Up to three (HS code, unit, producer's BIN) of goods in the register now."""
    out: list[tuple[str, str, str]] = []
    for row in registry.open_data_rows():
        if row["hs_code"] and row["hs_code"] not in {c for c, _u, _b in out}:
            out.append((row["hs_code"], row["unit"] or "t", row["identifier"]))
        if len(out) == 3:
            break
    return out


def _csv(rows: list[tuple[str, ...]]) -> bytes:
    header = "number,code,country,unit,quantity,customs_value,declared_on\n"
    return (header + "".join(",".join(r) + "\n" for r in rows)).encode()


def _price(**kwargs: Any) -> None:
    """A producer's price, unless it was not yet in the register at the period's end (the demo's register is young)."""
    try:
        monitoring.price_report(**kwargs)
    except monitoring.TradeError:
        return


def trade_demo() -> None:
    """Idempotent: does nothing once a declaration exists."""
    if ImportDeclaration.objects.exists():
        return
    codes = _codes()
    if not codes:
        return
    today = clock.today()
    quarters = rules.previous_quarters(rules.last_ended_quarter(today), 4)
    rows: list[tuple[str, ...]] = []
    for i, (code, unit, identifier) in enumerate(codes):
        share = SHARES[i % len(SHARES)]
        for q_index, quarter in enumerate(quarters):
            for n in range(3):
                price = (BASE_PRICE * share * (Decimal(1) + Decimal(n - 1) / 20)).quantize(TIYN)
                quantity = Decimal(10 + 5 * n)
                day = quarter.start + dt.timedelta(days=10 + 25 * n)
                rows.append(
                    (
                        f"DEMO/{code}/{quarter.label}/{n + 1}",
                        code,
                        COUNTRIES[(i + n) % len(COUNTRIES)],
                        unit,
                        str(quantity),
                        str((price * quantity).quantize(TIYN)),
                        day.isoformat(),
                    )
                )
            producer = organization(identifier)
            if producer is not None and q_index >= 1:
                _price(
                    actor=Actor(user_id=None, label="demo", grants=(Grant(Role.APPLICANT, producer.pk),)),
                    organization=producer,
                    hs_code=code,
                    unit=unit,
                    period=quarter.label,
                    unit_price=BASE_PRICE,
                )
    declarations.declarations_import(actor=OFFICER, content=_csv(rows), name="demo.csv")
    for quarter in quarters:
        monitoring.monitoring_run(actor=SYSTEM, period=quarter.label)
    for i, (_code, _unit, identifier) in enumerate(codes[:2]):
        producer = organization(identifier)
        if producer is None:
            continue
        profile = catalogue.profile_propose(
            actor=INSTITUTE,
            organization=producer,
            markets=["UZ", "KG", "RU", "CN"][: 2 + i],
            certifications=["ISO 9001:2015", "EAC"],
            description_en="A Kazakhstani manufacturer listed in the register of Kazakhstani commodity producers.",
        )
        owner = Actor(user_id=None, label="demo", grants=(Grant(Role.APPLICANT, producer.pk),))
        catalogue.profile_answer(actor=owner, profile=profile, confirm=True, contacts_consent=i == 0)
    catalogue.edition_monthly(actor=SYSTEM)
