"""Who may do what to the records of foreign workers and to the submissions about them (AH-7-1, DESIGN 4).

Personal data (names, dates of birth, passports, visas) is read only by those who must: the employer's own users
(its workers only), the Fund's officers keeping these records (Role.ASTANA_HUB_FUND_MIGRATION), and each recipient
of a submission for what was sent to it. Other Fund officers, auditors and the informatization authority see counts
and the record of what was sent when, never the people (selectors/workers.py).
"""

from __future__ import annotations

from nisi.astana_hub.models import ForeignWorker, Submission, SubmissionRecipient, SubmissionSchedule
from nisi.core.authz import Policy, allow, register_policy
from nisi.core.roles import Role

W = ForeignWorker.Status
_EMPLOYER_KEEPS = allow(
    "view", "edit", "upload_qualification", "add_family_member", "record_visa", "complete", "end_employment"
)
# AH-7-1.5: the extension is requested by the Fund, so only its officers request and record it.
_FUND_KEEPS = _EMPLOYER_KEEPS | allow("request_visa_extension", "record_visa_extension")

WORKER_POLICY = Policy(
    model=ForeignWorker,
    states=tuple(W.values),
    table={
        W.INCOMPLETE: {Role.APPLICANT: _EMPLOYER_KEEPS, Role.ASTANA_HUB_FUND_MIGRATION: _FUND_KEEPS},
        W.COMPLETE: {
            Role.APPLICANT: _EMPLOYER_KEEPS - {"complete"},
            Role.ASTANA_HUB_FUND_MIGRATION: _FUND_KEEPS - {"complete"},
        },
        # The record is kept after the employment ends (AH-7-1.3, AH-7-1.4: "have and keep"), read-only.
        W.ENDED: {Role.APPLICANT: allow("view"), Role.ASTANA_HUB_FUND_MIGRATION: allow("view")},
    },
    state_of=lambda w: w.state,
    organization_field="employer",
    region_field=None,
)

# AH-7-1.3: the IT development authority establishes the content, frequency and procedure in coordination with the
# recipients; the Fund keeps the schedule as established. A schedule is versioned by the date it applies from.
_SCHEDULE_KEEPERS = allow("view", "record", "edit")
SCHEDULE_POLICY = Policy(
    model=SubmissionSchedule,
    states=("recorded",),
    table={
        "recorded": {
            Role.INFORMATIZATION_AUTHORITY: _SCHEDULE_KEEPERS,
            Role.ASTANA_HUB_FUND: _SCHEDULE_KEEPERS,
            Role.ASTANA_HUB_FUND_MIGRATION: _SCHEDULE_KEEPERS | allow("prepare"),
            Role.MIGRATION_AUTHORITY: allow("view"),
            Role.NATIONAL_SECURITY_COMMITTEE: allow("view"),
            Role.AUDITOR: allow("view"),
        }
    },
    state_of=lambda s: "recorded",
    organization_field=None,
    region_field=None,
)

RECIPIENT_ROLE: dict[str, str] = {
    SubmissionRecipient.MIGRATION_AUTHORITY: Role.MIGRATION_AUTHORITY,
    SubmissionRecipient.NATIONAL_SECURITY_COMMITTEE: Role.NATIONAL_SECURITY_COMMITTEE,
}
# The record of what was sent when (period, due date, sent at, by whom, checksum) is not personal data.
_OVERSIGHT: dict[str, frozenset[str]] = {
    Role.ASTANA_HUB_FUND: allow("view"),
    Role.INFORMATIZATION_AUTHORITY: allow("view"),
    Role.AUDITOR: allow("view"),
}
S = Submission.Status


def submission_state(recipient: str, status: str) -> str:
    """The state of a submission for the policy: the recipient and the status, so that each recipient's officers
    are granted their own submissions only."""
    return f"{recipient}:{status}"


def _submission_table() -> dict[str, dict[str, frozenset[str]]]:
    table: dict[str, dict[str, frozenset[str]]] = {}
    for recipient, role in RECIPIENT_ROLE.items():
        table[submission_state(recipient, S.PREPARED)] = {
            Role.ASTANA_HUB_FUND_MIGRATION: allow("view", "download", "send"),
            **_OVERSIGHT,
        }
        table[submission_state(recipient, S.SENT)] = {
            Role.ASTANA_HUB_FUND_MIGRATION: allow("view", "download", "acknowledge"),
            role: allow("view", "download", "acknowledge"),
            **_OVERSIGHT,
        }
        table[submission_state(recipient, S.ACKNOWLEDGED)] = {
            Role.ASTANA_HUB_FUND_MIGRATION: allow("view", "download"),
            role: allow("view", "download"),
            **_OVERSIGHT,
        }
    return table


SUBMISSION_POLICY = Policy(
    model=Submission,
    states=tuple(submission_state(r, s) for r in RECIPIENT_ROLE for s in S.values),
    table=_submission_table(),
    state_of=lambda s: submission_state(s.recipient, s.status),
    organization_field=None,
    region_field=None,
)

for _policy in (WORKER_POLICY, SCHEDULE_POLICY, SUBMISSION_POLICY):
    register_policy(_policy)
