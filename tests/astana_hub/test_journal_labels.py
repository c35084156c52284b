"""The journals of the Astana Hub's records as people read them: every action in words, never its code (issue 10)."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.urls import reverse

from nisi.astana_hub.models import ForeignWorker, Submission
from nisi.astana_hub.rules.workers import SUBMISSION_SUBJECT, WORKER_SUBJECT
from nisi.astana_hub.services import worker_visas as visas
from nisi.astana_hub.views.journal import ACTION_LABELS, OTHER_ACTION, action_label
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import FUND_MIGRATION
from tests.astana_hub.test_workers_pages import sent  # noqa: F401  (a submission sent, as the pages test has it)

pytestmark = pytest.mark.usefixtures("english")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _visible_text(page: str) -> str:
    main = re.search(r"<main.*?</main>", page, re.S)
    assert main is not None
    return html.unescape(re.sub(r"<[^>]+>", " ", main.group(0)))


def test_the_worker_journal_names_each_action(client: Any, make_user: Any, recorded_worker: ForeignWorker) -> None:
    with clock.frozen(dt.date(2026, 3, 10)):
        visas.visa_record(
            actor=FUND_MIGRATION,
            worker=recorded_worker,
            visa_number="KZ1",
            issued_on=dt.date(2026, 3, 1),
            valid_from=dt.date(2026, 3, 1),
            valid_until=dt.date(2027, 3, 1),
        )
    client.force_login(make_user(Role.ASTANA_HUB_FUND_MIGRATION))
    text = _visible_text(client.get(reverse("astana_hub:worker", args=[recorded_worker.number])).content.decode())
    assert "Worker recorded" in text
    assert "Visa recorded" in text
    assert CODE.findall(text) == []


def test_the_submission_journal_names_each_action(client: Any, make_user: Any, sent: Submission) -> None:  # noqa: F811
    client.force_login(make_user(Role.ASTANA_HUB_FUND_MIGRATION))
    text = _visible_text(client.get(reverse("astana_hub:submission", args=[sent.number])).content.decode())
    assert "Submission prepared" in text
    assert "Submission sent" in text
    assert CODE.findall(text) == []


def test_an_action_without_words_is_never_shown_by_its_code() -> None:
    assert action_label(WORKER_SUBJECT, "visa_recorded") == "Visa recorded"
    assert action_label(SUBMISSION_SUBJECT, "something_new") == str(OTHER_ACTION)
    assert all(not CODE.search(str(label)) for labels in ACTION_LABELS.values() for label in labels.values())
