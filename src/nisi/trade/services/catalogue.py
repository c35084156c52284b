"""The catalogue of Kazakhstani producers for foreign buyers (IP-43.2.3): export profiles proposed by the export
development institute and confirmed by the producer (who consents, or not, to its contacts being published), and
the monthly editions, each frozen when published."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.law import clock
from nisi.trade import rules, selectors
from nisi.trade.messages import EDITION, PROFILE, PROFILE_PROPOSED
from nisi.trade.models import CatalogueEdition, ExportProfile
from nisi.trade.services.monitoring import TradeError

PROVISIONS = ["IP-43.2.3"]
MAX_ITEMS = 30


def _codes(items: list[str], field: str) -> list[str]:
    out = []
    for item in items:
        code = item.strip().upper()
        if not code:
            continue
        if rules.country_problem(code):
            raise TradeError(
                _("Write each export market as two capital Latin letters (ISO 3166-1), other than KZ: %(item)s")
                % {"item": item[:20]},
                field,
            )
        if code not in out:
            out.append(code)
    return out[:MAX_ITEMS]


@transaction.atomic
def profile_propose(
    *,
    actor: Actor,
    organization: Organization,
    markets: list[str],
    certifications: list[str],
    description_en: str = "",
) -> ExportProfile:
    """The export development institute proposes (or revises) a producer's export profile; the producer is told
    and confirms it. A revised profile awaits the producer's confirmation again, its consent to contacts withdrawn
    until it confirms."""
    profile = ExportProfile.objects.select_for_update().filter(organization=organization).first()
    require(actor, profile or ExportProfile(organization=organization), "propose")
    if not any(p["identifier"] == organization.identifier for p in selectors.catalogue_entries(clock.today())):
        raise TradeError(
            _(
                "%(name)s is not listed in the register of Kazakhstani commodity producers: the catalogue lists the "
                "register's producers only."
            )
            % {"name": organization.name},
            "organization",
        )
    markets = _codes(markets, "markets")
    certifications = [c.strip()[:200] for c in certifications if c.strip()][:MAX_ITEMS]
    if profile is None:
        profile = ExportProfile(organization=organization, proposed_at=clock.now(), proposed_by=actor.label[:200])
    profile.markets, profile.certifications, profile.description_en = markets, certifications, description_en[:2000]
    profile.status, profile.contacts_consent = ExportProfile.Status.PROPOSED, False
    profile.proposed_at, profile.proposed_by = clock.now(), actor.label[:200]
    profile.answered_at, profile.answered_by = None, ""
    profile.save()
    journal_append(
        actor=actor,
        subject_type=PROFILE,
        subject_id=organization.identifier,
        action="proposed",
        payload={"markets": markets, "certifications": certifications},
        provisions=PROVISIONS,
    )
    notification_send(
        message_key=PROFILE_PROPOSED,
        params={"identifier": organization.identifier},
        provisions=PROVISIONS,
        organization=organization,
        subject_type=PROFILE,
        subject_id=organization.identifier,
    )
    return profile


@transaction.atomic
def profile_answer(
    *, actor: Actor, profile: ExportProfile, confirm: bool, contacts_consent: bool = False
) -> ExportProfile:
    """The producer confirms its export profile, consenting or not to its contact details being published to
    foreign buyers (IP-6.3), or declines it (the profile leaves the catalogue from the next edition)."""
    profile = ExportProfile.objects.select_for_update().select_related("organization").get(pk=profile.pk)
    require(actor, profile, "confirm" if confirm else "decline")
    profile.status = ExportProfile.Status.CONFIRMED if confirm else ExportProfile.Status.DECLINED
    profile.contacts_consent = bool(confirm and contacts_consent)
    profile.answered_at, profile.answered_by = clock.now(), actor.label[:200]
    profile.save(update_fields=["status", "contacts_consent", "answered_at", "answered_by"])
    journal_append(
        actor=actor,
        subject_type=PROFILE,
        subject_id=profile.organization.identifier,
        action="confirmed" if confirm else "declined",
        payload={"contacts_consent": profile.contacts_consent},
        provisions=[*PROVISIONS, "IP-6.3"] if confirm else PROVISIONS,
    )
    return profile


@transaction.atomic
def edition_publish(*, actor: Actor) -> CatalogueEdition:
    """IP-43.2.3: this month's edition of the catalogue, frozen as the register and the confirmed profiles stand
    today. One edition a month: a month already published is refused (its edition stays as readers had it)."""
    require(actor, CatalogueEdition(), "publish")
    today = clock.today()
    number = rules.edition_number(today)
    if CatalogueEdition.objects.filter(number=number).exists():
        raise TradeError(
            _("The edition of %(number)s is published already; the next is published next month.") % {"number": number}
        )
    entries = selectors.catalogue_entries(today)
    try:
        with transaction.atomic():
            edition = CatalogueEdition.objects.create(
                number=number,
                published_on=today,
                published_at=clock.now(),
                producers=len(entries),
                goods=sum(len(e["goods"]) for e in entries),
                entries=entries,
            )
    except IntegrityError:
        raise TradeError(
            _("The edition of %(number)s was published at the same moment.") % {"number": number}
        ) from None
    journal_append(
        actor=actor,
        subject_type=EDITION,
        subject_id=number,
        action="published",
        payload={"producers": edition.producers, "goods": edition.goods},
        provisions=PROVISIONS,
    )
    return edition


def edition_monthly(*, actor: Actor) -> str | None:
    """The beat's monthly edition: published unless this month's is already."""
    if selectors.edition(rules.edition_number(clock.today())) is not None:
        return None
    return edition_publish(actor=actor).number
