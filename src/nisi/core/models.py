"""The shared core's tables: organizations, classifiers, roles, the action journal, the audit log,
notifications, deadlines, documents and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nisi.core.roles import CompetentBody, Role

kato_validator = RegexValidator(r"^[0-9]{9}$", _("A KATO code has 9 digits."))


class Region(models.Model):
    """First-level administrative units after 2022; code = ISO 3166-2:KZ number = first two KATO digits."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        CITY = "city", _("City of republican significance")

    code = models.CharField(max_length=2, primary_key=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name_en = models.CharField(max_length=100)
    name_ru = models.CharField(max_length=100)
    name_kk = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_en

    def name_in(self, language: str) -> str:
        return str(getattr(self, f"name_{language}", "") or self.name_en)


class ClassifierCode(models.Model):
    """A code of a classifier: HS 2022 (6 digits), TN VED EAEU (10 digits), OKED (NK RK 03-2019)."""

    class System(models.TextChoices):
        HS = "HS", _("Harmonized System 2022")
        TNVED = "TNVED", _("TN VED of the EAEU")
        OKED = "OKED", _("General classifier of economic activities (OKED)")

    system = models.CharField(max_length=8, choices=System.choices)
    code = models.CharField(max_length=12)
    parent_code = models.CharField(max_length=12, blank=True)
    level = models.PositiveSmallIntegerField()
    name_en = models.TextField(blank=True)
    name_ru = models.TextField(blank=True)
    name_kk = models.TextField(blank=True)
    # The names folded as people type them (nisi.core.text.search_key), filled by whatever writes the codes: SQLite
    # folds the case of ASCII letters only, so a search in Cyrillic compares folded texts on both databases.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["system", "code"]
        constraints = [models.UniqueConstraint(fields=["system", "code"], name="classifier_code_unique")]

    def __str__(self) -> str:
        return f"{self.system} {self.code}"

    def name_in(self, language: str) -> str:
        return str(getattr(self, f"name_{language}", "") or self.name_ru or self.name_en)


class Organization(models.Model):
    """A legal entity or individual entrepreneur, identified by its BIN or IIN (check digit verified)."""

    class IdentifierKind(models.TextChoices):
        BIN = "BIN", _("BIN")
        IIN = "IIN", _("IIN")

    identifier = models.CharField(max_length=12, unique=True, help_text=_("BIN or IIN, 12 digits"))
    identifier_kind = models.CharField(max_length=3, choices=IdentifierKind.choices)
    name = models.CharField(max_length=300)
    name_kk = models.CharField(max_length=300, blank=True)
    resident = models.BooleanField(default=True)
    oked = models.CharField(max_length=8, blank=True, help_text=_("main OKED code"))
    kato = models.CharField(max_length=9, validators=[kato_validator], blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    liquidated_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.identifier})"


class RoleAssignment(models.Model):
    """A user's role, scoped to an organization (applicants, major customers) or a region (akimats); an officer of a
    competent body's grant says which body (`body`), and so which information it submits (IP-51-3)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    body = models.CharField(
        max_length=20,
        choices=CompetentBody.choices,
        blank=True,
        help_text=_("for an officer of a competent body: which body (it submits only what IP-51-3 names it for)"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organization", "region"], name="role_assignment_unique"),
            models.CheckConstraint(
                condition=~Q(role__in=[Role.APPLICANT, Role.MAJOR_CUSTOMER]) | Q(organization__isnull=False),
                name="organization_role_needs_organization",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.AKIMAT) | Q(region__isnull=False), name="akimat_role_needs_region"
            ),
            # Only a competent body's grant names a body, and only one of the bodies there are. (A grant given before
            # bodies were named has none, and submits nothing until the administrator sets it: see `clean`.)
            models.CheckConstraint(
                condition=Q(body="") | (Q(role=Role.COMPETENT_BODY) & Q(body__in=CompetentBody.values)),
                name="body_only_for_competent_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}" + (f" · {self.body}" if self.body else "")

    def clean(self) -> None:
        if self.role == Role.COMPETENT_BODY and not self.body:
            raise ValidationError(
                {
                    "body": _(
                        "Choose which competent body the officer serves: it decides what they may submit (IP-51-3)."
                    )
                }
            )
        if self.role != Role.COMPETENT_BODY and self.body:
            raise ValidationError({"body": _("Only an officer of a competent body serves one of those bodies.")})


class DemoAccount(models.Model):
    """An account the demo loader made (`nisi demo`), with the password published on the embedded sign-in page.

    In production such an account neither signs in nor uses its API tokens, whatever its password now is."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="demo_account"
    )
    marked_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.user)


class AccountLanguage(models.Model):
    """The language a user reads nisi in: the one they last chose on the site, or set through the API. Messages
    nisi answers them outside a page (the API without Accept-Language, notifications) are in it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="account_language"
    )
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} · {self.language}"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once, when it is created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class JournalEntry(models.Model):
    """The append-only, hash-chained action journal of a record (DESIGN 3).

    Each subject (a register record, a deadline, a document …) has its own chain: entry n carries the hash of
    entry n-1. On PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE; `nisi audit verify` recomputes every
    chain and compares it with the last signed checkpoint (`JournalCheckpoint`, ADR 10).
    The actor is kept as an id and a label, not a foreign key, so that nothing can ever cascade into the journal.
    """

    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=64)
    seq = models.PositiveIntegerField()
    action = models.CharField(max_length=40)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)
    provisions = models.JSONField(default=list)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["subject_type", "subject_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["subject_type", "subject_id", "seq"], name="journal_chain_position_unique")
        ]
        verbose_name_plural = "journal entries"

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_id}#{self.seq} {self.action}"


class JournalCheckpoint(models.Model):
    """A signed record of where every journal chain stood at a moment (ADR 10).

    The statement (number, moment, counts, the digest over the chains' heads, the previous checkpoint's digest,
    the key id) is signed with the documents' Ed25519 key; `heads` lists `[subject_type, subject_id, seq,
    entry_hash]` for every chain. The same checkpoint is also written as a file to NISI_JOURNAL_CHECKPOINT_DIR.
    Append-only like the journal: on PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE.
    """

    number = models.PositiveIntegerField(unique=True)
    at = models.DateTimeField()
    entries = models.PositiveBigIntegerField()
    chains = models.PositiveBigIntegerField()
    heads_digest = models.CharField(max_length=64)
    previous = models.CharField(max_length=64, help_text=_("the digest of the checkpoint before this one"))
    digest = models.CharField(max_length=64, unique=True, help_text=_("SHA-256 of the signed statement"))
    key_id = models.CharField(max_length=32)
    signature = models.CharField(max_length=128)
    heads = models.JSONField(default=list)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"journal checkpoint #{self.number}"


class AuditEvent(models.Model):
    """Sign-ins, failed sign-ins, lockouts, sign-outs, admin changes and token events."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Sign-in refused: too many failures")
        SIGNED_OUT = "signed_out", _("Signed out")
        ADMIN_CHANGE = "admin_change", _("Administrative change")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")

    at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


class Notification(models.Model):
    """A message in an organization's (or a user's) personal-account inbox, citing its provisions.

    It keeps a message key and its parameters, not rendered text, so each reader sees it in their language.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    message_key = models.CharField(max_length=60)
    params = models.JSONField(default=dict)
    provisions = models.JSONField(default=list)
    subject_type = models.CharField(max_length=40, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | Q(user__isnull=False), name="notification_has_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_key} → {self.organization or self.user}"


class Deadline(models.Model):
    """A legal term as a record (DESIGN 6): what is due, by when, under which provision, and for whom."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    subject_type = models.CharField(max_length=40)
    subject_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=60, help_text=_("what is due, as a message key"))
    params = models.JSONField(default=dict)
    provision = models.CharField(max_length=30)
    starts_on = models.DateField()
    due_on = models.DateField(db_index=True)
    trace = models.JSONField(default=list)
    responsible_role = models.CharField(max_length=32, choices=Role.choices)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    overdue_since = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="deadline_queue")]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("starts_on")), name="deadline_due_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} due {self.due_on}"

    @property
    def state(self) -> str:
        if self.status == self.Status.OPEN and self.overdue_since:
            return "overdue"
        return str(self.status)


class Document(models.Model):
    """An issued document: its canonical data, Ed25519 signature, PDF and public verification token."""

    token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True)
    # The organization that issued it, where the issuing body is one of several of its kind (the operator of an
    # incentive measure that took the decision, IP-25.8): only that organization's officers read it as its issuer.
    issuer_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="documents_issued"
    )
    subject_type = models.CharField(max_length=40, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField()
    signature = models.CharField(max_length=128)
    key_id = models.CharField(max_length=32)
    pdf = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    issued_at = models.DateTimeField()
    issued_by_label = models.CharField(max_length=200)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.TextField(blank=True)
    # A newer document of the same kind about the same subject (a new extract for the same register record)
    # replaces this one: a reader of the old one's QR code is sent to the newer, never told "valid".
    replaced_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces")

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        return "replaced" if self.replaced_at else "valid"


class OutboxTask(models.Model):
    """A Celery task that committed work owes (ADR 11): written in the same transaction as that work, sent to the
    broker once it commits, and sent again by the sweeper until the broker has taken it. The task is named by its
    registered name, so that the core knows no app's tasks."""

    name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField()
    # A dispatcher took the row and is sending it; a claim older than the lease is a dead process's.
    claimed_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], condition=Q(dispatched_at__isnull=True), name="outbox_task_undispatched"
            ),
            models.Index(fields=["dispatched_at"], name="outbox_task_dispatched"),
        ]

    def __str__(self) -> str:
        state = "dispatched" if self.dispatched_at else f"pending after {self.attempts} attempt(s)"
        return f"{self.name}{tuple(self.args)} ({state})"


class PeriodicRun(models.Model):
    """When an entry of the beat schedule last ran under the embedded scheduler (ADR 11). The row is also its
    lock: a process runs a due entry only if it moved `last_run_at` from the value it read."""

    name = models.CharField(max_length=100, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} (last run {self.last_run_at:%Y-%m-%d %H:%M})"


class DisclosureConsent(models.Model):
    """An entity's consent that another organization sees its administrative data of one kind (IP-6.3): given and
    withdrawn by the entity, each in the journal; in force while not withdrawn."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="consents_given")
    recipient = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="consents_received")
    dataset = models.CharField(max_length=60, help_text=_("the kind of data the consent covers"))
    purpose = models.CharField(max_length=300, blank=True)
    given_at = models.DateTimeField()
    given_by_label = models.CharField(max_length=200)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "recipient", "dataset"],
                condition=Q(withdrawn_at__isnull=True),
                name="disclosure_consent_one_in_force",
            ),
            models.CheckConstraint(condition=~Q(organization=models.F("recipient")), name="disclosure_consent_other"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.recipient_id} ({self.dataset})"

    @property
    def state(self) -> str:
        return "withdrawn" if self.withdrawn_at else "given"


class DisclosureView(models.Model):
    """One view of an entity's administrative data by someone other than the entity (IP-6.3): who, when, what and on
    what ground. Append-only; the authorized body and the entity read it."""

    class Ground(models.TextChoices):
        LAW = "law", _("the authorized body collecting the data (IP-6.3)")
        CONSENT = "consent", _("the entity's consent")
        COURT = "court", _("a court decision in force")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="disclosures")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    viewer_label = models.CharField(max_length=200)
    viewer_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures_seen"
    )
    dataset = models.CharField(max_length=60)
    what = models.CharField(max_length=300)
    ground = models.CharField(max_length=8, choices=Ground.choices)
    consent = models.ForeignKey(DisclosureConsent, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "at"], name="disclosure_view_org_at")]

    def __str__(self) -> str:
        return f"{self.viewer_label} saw {self.organization_id} ({self.dataset}) at {self.at:%Y-%m-%d %H:%M}"

    @property
    def state(self) -> str:
        return "recorded"
