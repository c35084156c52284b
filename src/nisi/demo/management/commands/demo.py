"""`nisi demo`: demo organizations, one account per role, notifications, a signed document, and the
register at work: conditions approved, producers included (by assessment, as software, as wholly produced), an
application awaiting assessment and one refused by digital verification.

Idempotent: running it again changes nothing. Only for the embedded default.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import identifiers
from nisi.core.authz import SYSTEM
from nisi.core.models import ClassifierCode, Document, Organization, Region
from nisi.core.services.accounts import DEMO_PASSWORD, demo_accounts_allowed
from nisi.core.services.documents import ORGANIZATION_CARD, document_issue
from nisi.core.services.notifications import notification_send
from nisi.core.services.organizations import organization_register
from nisi.demo.accounts import ACCOUNTS, demo_accounts_load
from nisi.demo.assembly import assembly_demo
from nisi.demo.contracts import contracts_demo
from nisi.demo.contracts_cycle import contracts_cycle_demo
from nisi.demo.contracts_examination import contracts_examination_demo
from nisi.demo.dashboard import dashboard_demo
from nisi.demo.eurasian_register import eurasian_register_demo
from nisi.demo.hub import astana_hub_demo
from nisi.demo.incentives import incentives_demo
from nisi.demo.incentives_agreements import counter_obligations_demo
from nisi.demo.incentives_grants import grants_demo
from nisi.demo.incentives_queue import queue_demo
from nisi.demo.industrialization import industrialization_demo
from nisi.demo.industry_needs import industry_needs_demo
from nisi.demo.infrastructure import infrastructure_demo
from nisi.demo.raw_materials import raw_materials_demo
from nisi.demo.registry import registry_demo
from nisi.demo.trade import trade_demo

ORGANIZATIONS = [
    # (first 11 digits of the BIN, name, KATO, OKED, e-mail)
    ("19054000012", "ТОО «Қарағанды Болат Құю»", "351010000", "24100", "info@kbk.demo"),
    ("21034000045", "АО «Павлодар Кабель»", "551010000", "27320", "office@pavlodar-cable.demo"),
    ("18114000078", "ТОО «Astana Soft»", "711110000", "62011", "hello@astanasoft.demo"),
    ("15064000023", "АО «Казахстанская горно-металлургическая компания»", "631010000", "07292", "zakup@kgmk.demo"),
    ("22044000055", "ТОО «Шымкент Пласт»", "791010000", "22220", "info@shymkentplast.demo"),
    # Astana Hub: an IT start-up registered as an Astana Hub actor, a university for the cluster actors' list,
    # and the Fund itself (it employs foreigners too, AH-7-1.3).
    ("23014000031", "ТОО «Steppe AI Labs»", "711110000", "62011", "team@steppe-ai.demo"),
    ("19094000047", "НАО «Astana IT University»", "711110000", "85421", "office@aitu.demo"),
    ("18104000019", "НАО «Автономный кластерный фонд Astana Hub»", "711110000", "94990", "info@astanahub.demo"),
]


class Command(BaseCommand):
    help = "Load the demo data of the embedded default (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_accounts_allowed():
            # Its accounts' password is published: a production system must never have them.
            raise CommandError(
                _("Demo data is only for the embedded default (NISI_MODE=embedded); this system runs in production.")
            )
        if not ClassifierCode.objects.filter(system=ClassifierCode.System.HS).exists():
            call_command("classifiers", "load-hs", stdout=self.stdout)
        if not ClassifierCode.objects.filter(system=ClassifierCode.System.OKED).exists():
            call_command("classifiers", "load-oked", stdout=self.stdout)
        with transaction.atomic():
            orgs = self._organizations()
            demo_accounts_load(orgs)
            fresh = not Document.objects.exists()
            if fresh:
                self._work(orgs)
        if fresh:
            # Outside the transaction: each submission's verification runs when its own transaction commits.
            registry_demo(orgs)
            astana_hub_demo(orgs)
            contracts_demo(orgs)
            contracts_cycle_demo(orgs)
            incentives_demo(orgs)
            contracts_examination_demo(orgs)
            industrialization_demo(orgs)
            counter_obligations_demo(orgs)
            grants_demo(orgs)
            queue_demo(orgs)
            raw_materials_demo(orgs)
            assembly_demo()
            eurasian_register_demo()
            infrastructure_demo(orgs)
            trade_demo()
            dashboard_demo()  # enough entities that the public dashboard's figures pass suppression
            industry_needs_demo(orgs)
        # The embedded default runs no Celery beat: catch up with the daily deadline job here.
        call_command("deadlines", "daily", stdout=self.stdout)
        self.stdout.write(
            f"demo data ready: {len(ACCOUNTS)} accounts (password: {DEMO_PASSWORD}), {len(orgs)} organizations"
        )

    def _organizations(self) -> list[Organization]:
        out = []
        for first11, name, kato, oked, email in ORGANIZATIONS:
            identifier = identifiers.complete(first11)
            org = Organization.objects.filter(identifier=identifier).first()
            if org is None:
                org = organization_register(
                    actor=SYSTEM,
                    identifier=identifier,
                    name=name,
                    kato=kato,
                    oked=oked,
                    email=email,
                    address=Region.objects.get(code=kato[:2]).name_ru,
                )
                notification_send(
                    message_key="organization.welcome",
                    params={"name": org.name, "identifier": org.identifier},
                    provisions=["IP-16"],
                    organization=org,
                )
            out.append(org)
        return out

    def _work(self, orgs: list[Organization]) -> None:
        document_issue(
            actor=SYSTEM,
            kind=ORGANIZATION_CARD,
            title=f"Карточка организации в НИСП — {orgs[0].name}",
            data={
                "identifier": orgs[0].identifier,
                "name": orgs[0].name,
                "kato": orgs[0].kato,
                "oked": orgs[0].oked,
                "region": orgs[0].region.name_ru if orgs[0].region else "",
            },
            template="core/documents/organization_card.html",
            organization=orgs[0],
            subject_type="organization",
            subject_id=orgs[0].identifier,
            provisions=["IP-16"],
        )
