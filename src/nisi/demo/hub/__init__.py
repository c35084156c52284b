"""The Astana Hub at work in the demo: each area loads its own records, participants first (the others build on
them). `orgs` are the demo organizations of `nisi demo` (index 5: an Astana Hub actor, 6: a university, 7: the
Fund)."""

from __future__ import annotations

from nisi.core.models import Organization
from nisi.demo.hub import assets, fees, financing, governance, participants, programmes, workers


def astana_hub_demo(orgs: list[Organization]) -> None:
    for area in (participants, workers, fees, assets, financing, programmes, governance):
        area.load(orgs)
