"""Messages of the workers area to personal accounts (`nisi.core.messages.register`).

They name records by number only: a notification is e-mailed to the organization's address, and names and
passports stay in the record, behind its policy. The numbers of a visa or a worker's record still point at a person:
each such message also has its words without them, for readers who see counts, not people (auditors, AH-7-1.3)."""

from django.utils.translation import gettext_lazy as _

from nisi.astana_hub.rules.workers import SUBMISSION_DEADLINE, VISA_EXTENSION_DEADLINE
from nisi.core.messages import register

# Deadline kinds are rendered as the deadline's title in the work queue, reminders and overdue notices.

register(
    VISA_EXTENSION_DEADLINE,
    _("Request the extension of visa %(visa_number)s (foreign worker %(worker_number)s)"),
    _(
        "Visa %(visa_number)s expires on %(valid_until)s. The Fund requests its extension without the person leaving "
        "the country (AH-7-1.5); an expired visa cannot be extended."
    ),
    without_personal_data=(
        _("Request the extension of a visa expiring on %(valid_until)s"),
        _(
            "A visa expires on %(valid_until)s. The Fund requests its extension without the person leaving the "
            "country (AH-7-1.5); an expired visa cannot be extended."
        ),
    ),
)
register(
    SUBMISSION_DEADLINE["migration_authority"],
    _("Send the information on foreign workers to the migration authority for %(period)s"),
    _("The information on recruited foreigners for %(period)s is due to the migration authority (AH-7-1.3)."),
)
register(
    SUBMISSION_DEADLINE["national_security_committee"],
    _("Send the information on foreign workers to the National Security Committee for %(period)s"),
    _("The information on recruited foreigners for %(period)s is due to the National Security Committee (AH-7-1.3)."),
)
register(
    "astana_hub.worker.recorded",
    _("A foreign worker was recorded: %(number)s"),
    _(
        "The Astana Hub Fund recorded foreign worker %(number)s employed by your organization (AH-7-1.3). Keep the "
        "documents certifying the worker's qualification on file (AH-7-1.4)."
    ),
    without_personal_data=(
        _("A foreign worker was recorded"),
        _("The Astana Hub Fund recorded a foreign worker employed by the organization (AH-7-1.3)."),
    ),
)
register(
    "astana_hub.visa.extension_requested",
    _("The Fund requested the extension of visa %(visa_number)s"),
    _(
        "The Astana Hub Fund requested the extension of visa %(visa_number)s (foreign worker %(worker_number)s) until "
        "%(requested_until)s, without the person leaving the country (AH-7-1.5)."
    ),
    without_personal_data=(
        _("The Fund requested the extension of a visa"),
        _(
            "The Astana Hub Fund requested the extension of a foreign worker's visa until %(requested_until)s, "
            "without the person leaving the country (AH-7-1.5)."
        ),
    ),
)
register(
    "astana_hub.visa.extended",
    _("Visa %(visa_number)s was extended"),
    _(
        "Visa %(previous)s (foreign worker %(worker_number)s) was extended by visa %(visa_number)s until "
        "%(valid_until)s."
    ),
    without_personal_data=(
        _("A visa was extended"),
        _("A foreign worker's visa was extended until %(valid_until)s."),
    ),
)
register(
    "astana_hub.visa.expired",
    _("Visa %(visa_number)s has expired"),
    _(
        "Visa %(visa_number)s (foreign worker %(worker_number)s) expired on %(valid_until)s. It cannot be extended; "
        "the person needs a new visa (AH-7-1.5)."
    ),
    without_personal_data=(
        _("A visa has expired"),
        _(
            "A foreign worker's visa expired on %(valid_until)s. It cannot be extended; the person needs a new visa "
            "(AH-7-1.5)."
        ),
    ),
)
