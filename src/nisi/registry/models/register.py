"""The register itself: a producer's record, its goods, its periods in the register, and removals."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization
from nisi.registry.models.application import RegisterApplication, WhollyProducedKind


class RegisterRecord(models.Model):
    """A Kazakhstani commodity producer's entry in the register (IP-1.7-1)."""

    class Status(models.TextChoices):
        INCLUDED = "included", _("In the register")
        REMOVED = "removed", _("Removed from the register")

    class Basis(models.TextChoices):
        ASSESSED = "assessed", _("Application, verification and assessment (IP-51-1)")
        WHOLLY_PRODUCED = "wholly_produced", _("Goods wholly produced in Kazakhstan (IP-51-3)")
        SOFTWARE = "software", _("Kazakhstani software (IP-51-2)")

    number = models.CharField(max_length=20, unique=True)
    organization = models.OneToOneField(Organization, on_delete=models.PROTECT, related_name="register_record")
    basis = models.CharField(max_length=16, choices=Basis.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INCLUDED, db_index=True)
    included_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    site_kato = models.CharField(max_length=9, blank=True)
    region_code = models.CharField(max_length=2, blank=True, db_index=True)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.organization.name}"

    @property
    def state(self) -> str:
        return str(self.status)


class RegisterGood(models.Model):
    """A good of a producer in the register, with its details and its share of domestic value (IP-51-1.8).

    A row is never brought back once removed: reinstatement adds a new row from the day of reinstatement, so that
    "was this good in the register on D?" keeps its answer. The removed row says what became of it (`status`),
    which removal took it out and which decision of the appeals commission settled it.
    """

    class Status(models.TextChoices):
        IN_REGISTER = "in_register", _("In the register")
        REMOVED = "removed", _("Removed")
        REPLACED = "replaced", _("Replaced by new details")
        # Reinstated after an upheld objection (IP-51-5.8): a new entry carries the good on from that day.
        REINSTATED = "reinstated", _("Reinstated")
        # Left out by an objection upheld in part (IP-51-5.5): the good stays out of the register.
        NOT_REINSTATED = "not_reinstated", _("Not reinstated")

    record = models.ForeignKey(RegisterRecord, on_delete=models.CASCADE, related_name="goods")
    hs_code = models.CharField(max_length=6, db_index=True, blank=True, help_text=_("blank for software"))
    tnved_code = models.CharField(max_length=10, blank=True, db_index=True)
    name_ru = models.CharField(max_length=300)
    name_kk = models.CharField(max_length=300, blank=True)
    annual_capacity = models.DecimalField(max_digits=16, decimal_places=3)
    unit = models.CharField(max_length=20)
    domestic_value_share = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("per cent; empty where the law gives no measure (software, IP-51-2.1)"),
    )
    software_register_number = models.CharField(max_length=60, blank=True)
    wholly_produced = models.BooleanField(default=False)
    wholly_produced_kind = models.CharField(
        max_length=20,
        choices=WhollyProducedKind.choices,
        blank=True,
        help_text=_("for a good wholly produced: its kind (IP-51-3.1), which decides the criteria it is verified by"),
    )
    application = models.ForeignKey(RegisterApplication, on_delete=models.PROTECT, null=True, blank=True)
    included_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IN_REGISTER, db_index=True)
    removal = models.ForeignKey(
        "Removal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goods",
        help_text=_("the removal that took it out"),
    )
    appeal = models.ForeignKey(
        "Appeal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goods",
        help_text=_("the objection whose decision reinstated the good or left it out"),
    )
    # The good's and its producer's names as people search for them (nisi.core.text.search_key), kept by
    # nisi.registry.search on every write; a trigram index answers "names containing these words" on PostgreSQL.
    search_text = models.TextField(editable=False)
    # Copies of the record's register number, status and region, which the goods lookup by a product code filters
    # and orders by: one index then serves "a code's goods in register-number order, the first 20" with no join and
    # no sort (ADR 17, addendum 3). Kept by the database itself (triggers of migration 0012, on PostgreSQL and
    # SQLite): a good takes its record's values on every insert and on every save of these columns, and a record's
    # change of them is copied to its goods in the same statement's transaction. What Django holds in memory for
    # them may be stale (the database rewrites them); only SQL reads them.
    record_number = models.CharField(max_length=20, editable=False, default="")
    record_status = models.CharField(max_length=10, editable=False, default="")
    record_region = models.CharField(max_length=2, editable=False, default="")
    # Copies of the producer's BIN and name, which the goods lookup by a product code shows with each good: its page
    # is then read from the goods alone (ADR 17, addendum 6). Kept the same way (triggers of migration 0016): a good
    # takes them on every insert and save of the copies, a record's change of organization and an organization's
    # change of BIN or name are copied to the goods.
    producer_identifier = models.CharField(max_length=12, editable=False, default="")
    producer_name = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        ordering = ["hs_code", "id"]
        indexes = [
            # The goods lookup by code (selectors.goods_by_code_json, public_goods): a code's goods in the order
            # of the answer; on PostgreSQL covering what the lookup filters by and what its answer shows, so that
            # a page is read from the index alone — its 20 goods side by side on one or two of the index's pages
            # rather than on 20 of the table's (ADR 17, addendum 6).
            models.Index(
                fields=["hs_code", "record_number", "id"],
                include=[
                    "record_status",
                    "record_region",
                    "tnved_code",
                    "included_on",
                    "removed_on",
                    "record_id",
                    "producer_identifier",
                    "producer_name",
                    "name_ru",
                    "name_kk",
                    "annual_capacity",
                    "unit",
                    "domestic_value_share",
                    "wholly_produced",
                    "status",
                ],
                name="registry_good_code_page",
            ),
            # The goods search's page (public_goods: register number, code, id): a word found in many goods reads
            # their first ones in the answer's order instead of sorting every match (ADR 17, addendum 7).
            models.Index(fields=["record_number", "hs_code", "id"], name="registry_good_search_page"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(domestic_value_share__isnull=True)
                | (Q(domestic_value_share__gte=0) & Q(domestic_value_share__lte=100)),
                name="share_is_percent",
            ),
            # The state and the dates tell the same story: a good is in the register exactly while not removed.
            models.CheckConstraint(
                condition=(Q(status="in_register") & Q(removed_on__isnull=True))
                | (~Q(status="in_register") & Q(removed_on__isnull=False)),
                name="good_status_matches_removed_on",
            ),
            # A good that search cannot find is a write that forgot nisi.registry.search: refuse it.
            models.CheckConstraint(condition=~Q(search_text=""), name="good_is_searchable"),
        ]

    def __str__(self) -> str:
        return f"{self.tnved_code or self.hs_code} {self.name_ru}"


class RecordPeriod(models.Model):
    """A continuous period in the register, so that "was this producer in the register on D?" has an answer
    (DESIGN 7). `included_to` is the day of removal (exclusive); open while the producer is in the register."""

    record = models.ForeignKey(RegisterRecord, on_delete=models.CASCADE, related_name="periods")
    included_from = models.DateField()
    included_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["included_from"]
        constraints = [
            models.UniqueConstraint(fields=["record"], condition=Q(included_to__isnull=True), name="one_open_period"),
            models.CheckConstraint(
                condition=Q(included_to__isnull=True) | Q(included_to__gte=models.F("included_from")),
                name="period_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record.number}: {self.included_from} – {self.included_to or '…'}"


class Removal(models.Model):
    """A removal from the register and its ground (IP-51-6), which an appeal (IP-51-5) starts from."""

    class Ground(models.TextChoices):
        MONITORING = "monitoring", _("Non-compliance found by monitoring not eliminated (IP-51-6.1)")
        SOFTWARE = "software", _("Results of software producer monitoring (IP-51-6.2)")
        OWN_REQUEST = "own_request", _("The producer's own application (IP-51-6.3)")
        LIQUIDATION = "liquidation", _("Liquidation of the legal entity (IP-51-6)")
        REORGANIZATION = "reorganization", _("Reorganization of the legal entity (IP-51-6)")

    record = models.ForeignKey(RegisterRecord, on_delete=models.PROTECT, related_name="removals")
    ground = models.CharField(max_length=16, choices=Ground.choices)
    removed_on = models.DateField()
    reasons = models.JSONField(default=list)
    successor_identifier = models.CharField(max_length=12, blank=True)
    decided_by_label = models.CharField(max_length=200)
    reversed_on = models.DateField(null=True, blank=True, help_text=_("set when an upheld appeal reinstates"))

    class Meta:
        ordering = ["-removed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.record.number} removed {self.removed_on} ({self.ground})"
