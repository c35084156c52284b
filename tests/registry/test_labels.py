"""No internal code reaches a reader (issue 10): the operations declared by their names, each action of a history
in words, and nothing like `goods_refused` or `working_days` in the visible text of the register's pages."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.test import Client

from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.registry import history
from nisi.registry.models import RegisterApplication, RegisterRecord

pytestmark = pytest.mark.usefixtures("english")
# A code as the journal or the parameters keep it: lower-case words joined by underscores.
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def visible_text(page: str) -> str:
    """What a reader sees of the page's main landmark (a `<code>` is shown as a code on purpose)."""
    main = re.search(r"<main.*?</main>", page, re.S)
    assert main is not None
    shown = re.sub(r"<code[^>]*>.*?</code>", " ", main.group(0), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", shown)).split())


def test_the_application_page_names_the_operations_declared(
    client: Client, make_user: Any, producer: Any, draft: RegisterApplication
) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=producer))
    text = visible_text(client.get(f"/en/register/applications/{draft.number}/").content.decode())
    assert "Heating of slabs, Hot rolling, Pickling, Coiling" in text
    assert "heating" not in text
    assert CODE.findall(text) == []


def test_the_record_the_application_and_their_histories_show_words_not_codes(
    client: Client, make_user: Any, draft: RegisterApplication, included: RegisterRecord
) -> None:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    for page in (f"/en/register/records/{included.number}/", f"/en/register/applications/{draft.number}/"):
        text = visible_text(client.get(page).content.decode())
        assert "History" in text
        assert "The production was assessed" in text or "included in the register" in text
        assert CODE.findall(text) == [], page


def test_an_action_without_words_is_shown_by_a_phrase_not_its_code() -> None:
    # An action added to a service later, before anyone worded it here.
    entry = JournalEntry(
        subject_type=history.RECORD,
        subject_id="RKT-2026-000001",
        action="something_new",
        payload={},
        provisions=[],
        actor_label="officer",
        at=dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC),
    )
    said = history._entry(entry)
    assert said.text == "Recorded in the journal."


def test_a_software_product_is_named_in_the_inclusion() -> None:
    assert history.WORDS[(history.RECORD, "included")] is not None
    params = history._params(history.RECORD, {"notice": 1, "software": "Qoima ERP"})
    assert params["goods"] == "Qoima ERP"
