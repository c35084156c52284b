"""Demo records of the Astana Hub workers area (AH-7-1), made through the services as their users would:

- the IT development authority's schedules: monthly CSV to the migration authority, quarterly JSON to the National
  Security Committee;
- ТОО «Steppe AI Labs» (an Astana Hub actor) recorded two foreign engineers: one complete with a diploma, a
  five-year visa, a spouse and a child; one still without a qualification document, whose visa runs out soon;
- the Fund recorded its own foreign programme manager, and requested the extension of her visa;
- last month's submission to the migration authority was prepared and sent; the last quarter's to the National
  Security Committee was prepared but is still to be sent (its deadline shows overdue).

All dates count back from today, so the demo always shows a current picture; visas are issued after AH-7-1.2
entered into force (the parameter's first date).
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model

from nisi.astana_hub.models import ForeignWorker
from nisi.astana_hub.participation import is_hub_participant, participation_on
from nisi.astana_hub.rules import workers as rules
from nisi.astana_hub.rules.participants import BasisKind
from nisi.astana_hub.services import submissions, worker_visas, workers
from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization
from nisi.law import clock

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EARLIEST_VISA = dt.date(2025, 10, 12)


def _actor(username: str) -> Actor:
    return actor_for(get_user_model().objects.get(username=username))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6, 0), tzinfo=dt.UTC)


def load(orgs: list[Organization]) -> None:
    if ForeignWorker.objects.exists():
        return  # loaded already
    today = clock.today()
    steppe, fund_org = orgs[5], orgs[7]
    informatization, migration_officer = _actor("demo-informatization"), _actor("demo-hub-migration")
    employer_user = _actor("demo-hub-actor")

    # The schedules apply from last month (monthly) and last quarter (quarterly).
    quarter_start = rules.period_containing("quarterly", today)[0]
    month = rules.period_containing("monthly", today.replace(day=1) - dt.timedelta(days=1))
    quarter = rules.period_containing("quarterly", quarter_start - dt.timedelta(days=1))
    with clock.frozen(_at(quarter[0] - dt.timedelta(days=20))):
        submissions.schedule_record(
            actor=informatization,
            recipient="migration_authority",
            frequency="monthly",
            file_format="csv",
            fields=[
                "record_number", "person", "surname", "given_names", "date_of_birth", "citizenship", "passport_number",
                "employer_bin", "employer_name", "position", "employed_from", "employed_until", "visa_number",
                "visa_valid_from", "visa_valid_until", "visa_extended",
            ],
            due_days_after_period=5,
            applies_from=month[0],
            basis="Приказ Министра цифрового развития № 101/НҚ от 01.10.2025 (демо), согласован с МВД и КНБ",
        )  # fmt: skip
        submissions.schedule_record(
            actor=informatization,
            recipient="national_security_committee",
            frequency="quarterly",
            file_format="json",
            fields=["record_number", "person", "surname", "given_names", "date_of_birth", "citizenship",
                    "stateless", "passport_number", "employer_bin", "position", "visa_number", "visa_valid_until"],
            due_days_after_period=10,
            applies_from=quarter[0],
            basis="Приказ Министра цифрового развития № 101/НҚ от 01.10.2025 (демо), согласован с МВД и КНБ",
        )  # fmt: skip

    hub_since = min(
        (b.starts_on for b in participation_on(steppe.pk, today) if b.kind is BasisKind.HUB_ACTOR), default=None
    )
    start = max(today - dt.timedelta(days=150), EARLIEST_VISA, hub_since or today)
    visa_day = max(start - dt.timedelta(days=20), EARLIEST_VISA)
    if hub_since is not None:
        with clock.frozen(_at(start + dt.timedelta(days=1))):
            engineer = workers.worker_record(
                actor=employer_user,
                employer=steppe,
                surname="Schneider",
                given_names="Lukas",
                date_of_birth=dt.date(1988, 4, 12),
                citizenship="DEU",
                stateless=False,
                passport_number="C4F7K2L9M",
                passport_valid_until=dt.date(2033, 6, 30),
                position="Lead machine learning engineer",
                employed_from=start,
                is_hub_actor=is_hub_participant,
            )
            workers.qualification_upload(
                actor=employer_user,
                worker=engineer,
                kind="diploma",
                title="Master of Science in Informatics",
                issuer="Technische Universität München",
                issued_on=dt.date(2012, 9, 30),
                upload=io.BytesIO(PDF),
                name="diploma-msc.pdf",
            )
            workers.worker_complete(actor=employer_user, worker=engineer)
            spouse = workers.family_member_add(
                actor=employer_user,
                worker=engineer,
                relation="spouse",
                surname="Schneider",
                given_names="Marie",
                date_of_birth=dt.date(1990, 8, 3),
                citizenship="FRA",
                passport_number="19AB23456",
            )
            child = workers.family_member_add(
                actor=employer_user,
                worker=engineer,
                relation="child",
                surname="Schneider",
                given_names="Emma",
                date_of_birth=dt.date(2019, 2, 1),
                citizenship="DEU",
                passport_number="C4F7K2X11",
            )
            latest = rules.visa_latest_valid_until(issued_on=visa_day, valid_from=visa_day).value
            for holder, number in ((None, "KZ5Y0012345"), (spouse, "KZ5Y0012346"), (child, "KZ5Y0012347")):
                worker_visas.visa_record(
                    actor=employer_user,
                    worker=engineer,
                    family_member=holder,
                    visa_number=number,
                    issued_on=visa_day,
                    valid_from=visa_day,
                    valid_until=latest,
                )
            analyst = workers.worker_record(
                actor=employer_user,
                employer=steppe,
                surname="Yılmaz",
                given_names="Emre",
                date_of_birth=dt.date(1995, 11, 20),
                citizenship="TUR",
                stateless=False,
                passport_number="U12345678",
                passport_valid_until=dt.date(2030, 1, 15),
                position="Data analyst",
                employed_from=start,
                is_hub_actor=is_hub_participant,
            )
            worker_visas.visa_record(
                actor=employer_user,
                worker=analyst,
                visa_number="KZ1Y0098765",
                issued_on=visa_day,
                valid_from=visa_day,
                valid_until=today + dt.timedelta(days=20),
            )

    with clock.frozen(_at(start + dt.timedelta(days=2))):
        manager = workers.worker_record(
            actor=migration_officer,
            employer=fund_org,
            surname="Kim",
            given_names="Ji-woo",
            date_of_birth=dt.date(1986, 6, 5),
            citizenship="KOR",
            stateless=False,
            passport_number="M98765432",
            passport_valid_until=dt.date(2034, 3, 1),
            position="Acceleration programme manager",
            employed_from=start,
            is_hub_actor=is_hub_participant,
        )
        workers.qualification_upload(
            actor=migration_officer,
            worker=manager,
            kind="employment_record",
            title="Record of employment: venture programmes, 2014–2025",
            issuer="Seoul Startup Hub",
            issued_on=dt.date(2025, 6, 30),
            upload=io.BytesIO(PDF),
            name="employment-record.pdf",
        )
        workers.worker_complete(actor=migration_officer, worker=manager)
        short_visa = worker_visas.visa_record(
            actor=migration_officer,
            worker=manager,
            visa_number="KZ1Y0055501",
            issued_on=visa_day,
            valid_from=visa_day,
            valid_until=today + dt.timedelta(days=45),
        )
    with clock.frozen(_at(today - dt.timedelta(days=3))):
        worker_visas.visa_extension_request(
            actor=migration_officer, visa=short_visa, requested_until=today + dt.timedelta(days=45 + 365 * 3)
        )

    # Submissions: last month's to the migration authority, sent; last quarter's to the Committee, prepared.
    with clock.frozen(_at(month[1] + dt.timedelta(days=2))):
        sent = submissions.submission_prepare(
            actor=migration_officer, recipient="migration_authority", period_start=month[0], period_end=month[1]
        )
        submissions.submission_send(actor=migration_officer, submission=sent, channel_reference="ШЭП 7f3a-2291 (демо)")
    with clock.frozen(_at(quarter[1] + dt.timedelta(days=2))):
        submissions.submission_prepare(
            actor=migration_officer,
            recipient="national_security_committee",
            period_start=quarter[0],
            period_end=quarter[1],
        )
    submissions.submissions_due_open(today=today)
