"""Demo data of the Eurasian register of industrial goods (IP-9.37): the register's goods sent to the (simulated)
Commission as the first exchange and acknowledged, so that the authorized body's page shows what was sent and when;
the register's later changes wait for the next exchange."""

from __future__ import annotations

from nisi.core.authz import SYSTEM
from nisi.eurasian_register import services
from nisi.eurasian_register.models import Exchange


def eurasian_register_demo() -> None:
    """Idempotent: does nothing once an exchange exists. Prepared and sent as the daily run would."""
    if Exchange.objects.exists():
        return
    try:
        exchange = services.exchange_prepare(actor=SYSTEM)
    except services.ExchangeError:
        return  # nothing in the register to send
    services.exchange_deliver(number=exchange.number)  # already delivered on commit: then nothing to do
