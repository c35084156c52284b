"""A granted measure and its agreement with counter-obligations, for the tests of IP-27 and their pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from nisi.incentives.models import CounterObligationAgreement, RequestedMeasure
from nisi.incentives.services import agreements
from nisi.incentives.services import applications as services
from tests.incentives.fixtures import TODAY, World

START = TODAY  # the agreement takes effect the day the measure is granted: 02.03.2026
FIRST = (dt.date(2026, 3, 2), dt.date(2027, 3, 1))
SECOND = (dt.date(2027, 3, 2), dt.date(2028, 3, 1))
END = SECOND[1]
CRITERIA = {
    "innovativeness": "strong",
    "competitiveness": "adequate",
    "scale": "adequate",
    "export_orientation": "weak",
    "labour_productivity": "strong",
}
TARGETS: dict[dt.date, dict[str, object]] = {
    FIRST[0]: {"labour_productivity": "100", "export_output": "2000000"},
    SECOND[0]: {"labour_productivity": "110", "export_output": "2500000", "domestic_market": "500"},
}


def granted(w: World) -> RequestedMeasure:
    application = services.application_submit(
        actor=w.applicant_actor,
        organization=w.applicant,
        measure_codes=["dbk-financing"],
        project="Сборочный завод грузовиков",
        purpose="new_production",
        hs_codes=["870421"],
        counter_obligations_accepted=True,
    )
    request = application.measures.get()
    services.request_assess(actor=w.bank_actor, request=request, **CRITERIA)
    return services.request_grant(actor=w.bank_actor, request=request)


def conclude(w: World, request: RequestedMeasure | None = None, **kw: Any) -> CounterObligationAgreement:
    values: dict[str, Any] = {
        "actor": w.bank_actor,
        "request": request or granted(w),
        "starts_on": START,
        "ends_on": END,
        "payments": [(dt.date(2026, 3, 2), Decimal("1000000000.00"))],
        "targets": TARGETS,
    }
    values.update(kw)
    return agreements.agreement_conclude(**values)
