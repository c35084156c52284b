"""Foreign workers of the Fund and of Astana Hub actors, their family members, visas, and the Fund's
submissions about them to the migration authority and the National Security Committee (AH-7-1).

Personal data: only the Fund's officers keeping these records, the employer's own users, and the recipients of a
submission (for what was submitted to them) may read it; see policies/workers.py.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nisi.core.models import Organization


class ForeignWorker(models.Model):
    """A foreign national or stateless person recruited by the Fund or an Astana Hub actor (AH-7-1.3)."""

    class Status(models.TextChoices):
        # Incomplete until every document AH-7-1.4 requires is on file: qualification documents above all.
        INCOMPLETE = "incomplete", _("Record incomplete")
        COMPLETE = "complete", _("Record complete")
        ENDED = "ended", _("Employment ended")

    number = models.CharField(max_length=20, unique=True)
    employer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="foreign_workers")
    surname = models.CharField(max_length=100)
    given_names = models.CharField(max_length=150)
    date_of_birth = models.DateField()
    citizenship = models.CharField(
        max_length=3, blank=True, help_text=_("ISO 3166-1 alpha-3 code; empty for a stateless person")
    )
    stateless = models.BooleanField(default=False)
    passport_number = models.CharField(max_length=30)
    passport_valid_until = models.DateField()
    position = models.CharField(max_length=200)
    employed_from = models.DateField()
    employed_until = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.INCOMPLETE, db_index=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["surname", "given_names", "id"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "passport_number"], name="foreign_worker_unique_passport"),
            models.CheckConstraint(
                condition=(Q(stateless=True) & Q(citizenship="")) | (Q(stateless=False) & ~Q(citizenship="")),
                name="foreign_worker_citizenship_or_stateless",
            ),
            models.CheckConstraint(
                condition=Q(employed_until__isnull=True) | Q(employed_until__gte=F("employed_from")),
                name="foreign_worker_employment_period",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)


class QualificationDocument(models.Model):
    """A document certifying a recruited person's qualification, which the employer must have and keep
    (AH-7-1.4)."""

    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("Diploma or degree")
        CERTIFICATE = "certificate", _("Professional certificate")
        EMPLOYMENT_RECORD = "employment_record", _("Record of employment in the field")
        OTHER = "other", _("Other document certifying qualification")

    worker = models.ForeignKey(ForeignWorker, on_delete=models.CASCADE, related_name="qualification_documents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    issuer = models.CharField(max_length=300)
    issued_on = models.DateField()
    file = models.FileField(upload_to="astana_hub/qualifications/%Y/%m/")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return self.title


class FamilyMember(models.Model):
    """A worker's family member entitled to the same long-term visa (AH-7-1.2): spouse, child, or a dependant
    when supporting documents of dependency are available."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        DEPENDANT = "dependant", _("Dependant")

    worker = models.ForeignKey(ForeignWorker, on_delete=models.CASCADE, related_name="family_members")
    relation = models.CharField(max_length=10, choices=Relation.choices)
    surname = models.CharField(max_length=100)
    given_names = models.CharField(max_length=150)
    date_of_birth = models.DateField()
    citizenship = models.CharField(max_length=3, blank=True)
    passport_number = models.CharField(max_length=30)
    dependency_document = models.FileField(upload_to="astana_hub/dependency/%Y/%m/", blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["relation", "surname", "id"]
        constraints = [
            models.UniqueConstraint(fields=["worker", "passport_number"], name="family_member_unique_passport"),
        ]

    def __str__(self) -> str:
        return f"{self.surname} {self.given_names}"


class Visa(models.Model):
    """An entry visa of a worker or a family member, valid for up to five years (AH-7-1.2), and its extensions
    on the Fund's request without leaving the country (AH-7-1.5)."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
        EXTENDED = "extended", _("Extended")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    worker = models.ForeignKey(ForeignWorker, on_delete=models.CASCADE, related_name="visas", null=True, blank=True)
    family_member = models.ForeignKey(
        FamilyMember, on_delete=models.CASCADE, related_name="visas", null=True, blank=True
    )
    visa_number = models.CharField(max_length=30)
    issued_on = models.DateField()
    valid_from = models.DateField()
    valid_until = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VALID, db_index=True)
    extends = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="extension")
    extension_requested_on = models.DateField(null=True, blank=True)
    extension_requested_until = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-valid_until", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(worker__isnull=False, family_member__isnull=True)
                | Q(worker__isnull=True, family_member__isnull=False),
                name="visa_holder_is_worker_or_family_member",
            ),
            models.CheckConstraint(condition=Q(valid_until__gte=F("valid_from")), name="visa_validity_period"),
        ]

    def __str__(self) -> str:
        return self.visa_number

    @property
    def state(self) -> str:
        return str(self.status)


class SubmissionRecipient(models.TextChoices):
    MIGRATION_AUTHORITY = "migration_authority", _("Migration authority")
    NATIONAL_SECURITY_COMMITTEE = "national_security_committee", _("National Security Committee")


class SubmissionSchedule(models.Model):
    """What the Fund submits about recruited foreigners, to whom, how often and in which format, as established
    by the IT development authority with the recipients (AH-7-1.3). Versioned by the date it applies from."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        HALF_YEARLY = "half_yearly", _("Every half-year")

    class Format(models.TextChoices):
        CSV = "csv", _("CSV (UTF-8)")
        JSON = "json", _("JSON")

    recipient = models.CharField(max_length=32, choices=SubmissionRecipient.choices)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    file_format = models.CharField(max_length=4, choices=Format.choices)
    fields = models.JSONField(help_text=_("the fields of each record submitted, in order"))
    due_days_after_period = models.PositiveSmallIntegerField(
        help_text=_("working days after the end of a period by which its submission is due")
    )
    applies_from = models.DateField()
    basis = models.CharField(max_length=300, help_text=_("the act of the IT development authority that sets it"))
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recipient", "-applies_from"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "applies_from"], name="submission_schedule_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.frequency} from {self.applies_from}"


class Submission(models.Model):
    """One submission of the information on recruited foreigners to a recipient for a period (AH-7-1.3): the file
    as sent, its checksum, and when and by whom it was sent. Periods of one recipient never overlap."""

    class Status(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        SENT = "sent", _("Sent")
        ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")

    number = models.CharField(max_length=24, unique=True)
    recipient = models.CharField(max_length=32, choices=SubmissionRecipient.choices)
    schedule = models.ForeignKey(SubmissionSchedule, on_delete=models.PROTECT, related_name="submissions")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PREPARED, db_index=True)
    file_format = models.CharField(max_length=4)
    content = models.TextField(help_text=_("the file exactly as submitted"))
    sha256 = models.CharField(max_length=64)
    record_count = models.PositiveIntegerField()
    prepared_at = models.DateTimeField()
    prepared_by_label = models.CharField(max_length=200)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by_label = models.CharField(max_length=200, blank=True)
    channel_reference = models.CharField(max_length=100, blank=True, help_text=_("outgoing number or gateway id"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["recipient", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "period_start"], name="submission_unique_period_start"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="submission_period"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def state(self) -> str:
        return str(self.status)
