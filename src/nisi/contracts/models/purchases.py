"""Purchase lines of large customers and systemic enterprises, as they report them, for the domestic value of their
purchases (IP-47-1.3, IP-61-1, IP-11.3). A line names its supplier by BIN, not by a row of ours: the supplier need
not be known to the system, and the register is asked about it as it stood on the purchase date."""

from __future__ import annotations

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization, Region


class PurchaseBatch(models.Model):
    """One delivery of purchase lines for one customer: a CSV file or an API call. Lines are written with it in one
    transaction, so a batch is whole or absent."""

    class Source(models.TextChoices):
        CSV = "csv", _("CSV file")
        API = "api", _("API")

    customer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="purchase_batches")
    # The customer's territory when the lines were given: an akimat sees its own region's (IP-11.3).
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    source = models.CharField(max_length=4, choices=Source.choices)
    file_name = models.CharField(max_length=200, blank=True)
    submitted_by_label = models.CharField(max_length=200)
    # An akimat submitting for a systemic enterprise of its region (IP-11.3) rather than the customer itself.
    submitted_by_role = models.CharField(max_length=32)
    submitted_at = models.DateTimeField()
    lines_written = models.PositiveIntegerField(default=0)
    lines_skipped = models.PositiveIntegerField(default=0)
    # Bad lines left out at the user's request: [{"line": n, "message": "..."}], at most a few hundred kept.
    skipped = models.JSONField(default=list, blank=True)
    # The lowest and highest id of the batch's lines, kept by the database's triggers whatever writes the lines, and
    # only ever widened: every line of the batch lies in the range (another batch's may too). Deleting the batch's
    # lines and checking that none is left use the primary key on it instead of an index on the lines' batch, which
    # cost every line imported its insert (ADR 0021, addendum 7; migration 0009).
    first_line_id = models.BigIntegerField(null=True, editable=False)
    last_line_id = models.BigIntegerField(null=True, editable=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.customer.identifier} {self.submitted_at:%Y-%m-%d} ({self.lines_written})"

    @property
    def state(self) -> str:
        return "recorded"


class PurchaseLine(models.Model):
    """A purchase of a good by a customer: supplier, good, quantity, amount in tenge, date, contract."""

    # Both links are checked by the database once per statement, not per row: a file's million lines name one batch
    # and one customer, and PostgreSQL's per-row foreign-key checks cost more than writing the line (ADR 0021,
    # addendum 3; the triggers of migration 0006 check and lock the parents and refuse to delete one still named).
    # The customer's lines are found through `purchase_customer_date`, whose first column it is; a batch's through its
    # range of ids (`PurchaseBatch.first_line_id`), not an index: deleting a batch deletes its lines in the database
    # (migration 0009's trigger), hence DO_NOTHING here.
    batch = models.ForeignKey(
        PurchaseBatch, on_delete=models.DO_NOTHING, related_name="lines", db_constraint=False, db_index=False
    )
    customer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="purchase_lines", db_constraint=False, db_index=False
    )
    line_number = models.PositiveIntegerField(help_text=_("the line of the file (or the position in the API call)"))
    supplier_bin = models.CharField(max_length=12)
    product_code = models.CharField(max_length=10, help_text=_("HS / TN VED code, 6 to 10 digits"))
    # The code's first six digits, the HS subheading the register's goods carry: the key a line is matched on.
    hs_code = models.CharField(max_length=6)
    quantity = models.DecimalField(max_digits=18, decimal_places=3)
    amount = models.DecimalField(max_digits=18, decimal_places=2, help_text=_("tenge, VAT included"))
    purchase_date = models.DateField()
    contract_reference = models.CharField(max_length=100)
    # The customer marks a price as its commercial secret; others then see the line without its amount.
    price_confidential = models.BooleanField(default=False)
    # The integer the register's segments are keyed by (registry.models.segments): supplier BIN × 10^6 + HS
    # subheading, computed by the database on every write, so that a million lines meet the register by one hash
    # join on a bigint (ADR 0021, addendum 1).
    match_key = models.GeneratedField(
        expression=Cast("supplier_bin", models.BigIntegerField()) * Value(1_000_000)
        + Cast("hs_code", models.BigIntegerField()),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )
    # The line's verdict against the register as it stood on its date, stored (ADR 0021, addendum 2) and kept by
    # `nisi.contracts.verdicts`: 1 supplier not in the register, 2 in the register but not for this good, 3 counted;
    # NULL until judged. `verdict_share`: the good's extract share when counted (NULL: counted whole).
    verdict = models.PositiveSmallIntegerField(null=True, editable=False)
    verdict_share = models.DecimalField(max_digits=5, decimal_places=2, null=True, editable=False)

    class Meta:
        ordering = ["purchase_date", "id"]
        indexes = [
            models.Index(fields=["customer", "purchase_date"], name="purchase_customer_date"),
            models.Index(fields=["match_key"], name="purchase_match_key"),
            models.Index(fields=["id"], condition=Q(verdict__isnull=True), name="purchase_not_judged"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="purchase_amount_positive"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="purchase_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.purchase_date} {self.supplier_bin} {self.product_code} {self.amount}"

    @property
    def state(self) -> str:
        return "confidential" if self.price_confidential else "open"
