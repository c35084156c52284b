"""Who is a participant of the Astana Hub innovation cluster, on which basis, from when to when (AH-7.2)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Document, Organization


class SezParticipant(models.Model):
    """An entry of the single register of participants of the special economic zone "Park of Innovative
    Technologies" (AH-7.2.1), as received from that register: the Fund does not decide it, it mirrors it."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="sez_participations")
    register_number = models.CharField(max_length=40, help_text=_("number in the SEZ single register"))
    included_on = models.DateField()
    excluded_on = models.DateField(null=True, blank=True)
    outside_territory = models.BooleanField(
        default=False, help_text=_("operates outside the territory of the special economic zone")
    )
    source = models.CharField(max_length=200, help_text=_("where the entry came from (register extract, file)"))
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-included_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "included_on"], name="sez_participant_unique_period"),
            models.CheckConstraint(
                condition=Q(excluded_on__isnull=True) | Q(excluded_on__gte=F("included_on")),
                name="sez_participant_excluded_after_included",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register_number} · {self.organization}"


class HubActor(models.Model):
    """A legal entity registered by the Fund as an Astana Hub participant (AH-1.4-1, AH-8-1.5-7, AH-7.2.2-1)."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        REGISTERED = "registered", _("Registered")
        REFUSED = "refused", _("Refused")
        TERMINATED = "terminated", _("Registration terminated")

    number = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="hub_actor_records")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED, db_index=True)
    activity = models.TextField(help_text=_("the innovative activity the entity carries out"))
    priority_direction = models.CharField(max_length=200, blank=True)
    applied_on = models.DateField()
    registered_on = models.DateField(null=True, blank=True)
    terminated_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True, help_text=_("reasons for a refusal or a termination"))
    decided_by_label = models.CharField(max_length=200, blank=True)
    certificate = models.ForeignKey(Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-applied_on", "-id"]
        constraints = [
            # One live registration (applied or registered) per entity: a second one would be a duplicate.
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status__in=["applied", "registered"]),
                name="hub_actor_one_live_per_organization",
            ),
            models.CheckConstraint(
                condition=~Q(status="registered") | Q(registered_on__isnull=False),
                name="hub_actor_registered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class ClusterActorCategory(models.TextChoices):
    """The kinds of legal entity AH-7.2.2 lets the Fund put on the list of innovation cluster actors."""

    SCIENTIFIC_ORGANIZATION = "scientific_organization", _("Scientific organization")
    VENTURE_FUND = "venture_fund", _("Joint-stock venture capital investment fund")
    EDUCATIONAL_ORGANIZATION = "educational_organization", _("Educational organization")
    TECHNOLOGY_PARK = "technology_park", _("Technology park")
    DESIGN_BUREAU = "design_bureau", _("Industry design bureau")
    COMMERCIALIZATION_CENTRE = "commercialization_centre", _("Technology commercialization centre")
    DEVELOPMENT_INSTITUTE = "development_institute", _("National development institute")
    MANAGEMENT_HOLDING = "management_holding", _("National management holding")
    NATIONAL_HOLDING = "national_holding", _("National holding")
    NATIONAL_COMPANY = "national_company", _("National company")
    INNOVATIVE_ENTITY = "innovative_entity", _("Legal entity engaged in innovative activities")


class ClusterActorEntry(models.Model):
    """An application to, and then an entry of, the list of innovation cluster actors approved by the Fund
    (AH-7.2.2, AH-8-1.5-11) under the inclusion rules of the informatization authority (AH-9.4.5)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        INCLUDED = "included", _("Included in the list")
        REFUSED = "refused", _("Refused")
        EXCLUDED = "excluded", _("Excluded from the list")

    number = models.CharField(max_length=20, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="cluster_actor_entries")
    category = models.CharField(max_length=32, choices=ClusterActorCategory.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    status_basis = models.TextField(
        help_text=_("the document that gives the entity its status (accreditation, licence, decree, charter)")
    )
    innovation_activity = models.TextField(blank=True)
    submitted_on = models.DateField()
    included_on = models.DateField(null=True, blank=True)
    excluded_on = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True, help_text=_("reasons for a refusal or an exclusion"))
    decided_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(status__in=["submitted", "included"]),
                name="cluster_actor_one_live_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)
