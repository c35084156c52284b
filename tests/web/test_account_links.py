"""Every link a signed-in person is shown in the header and on their personal account opens: a link never leads to a
refusal (a Fund officer's account linked to the register's assessment desk, which answered 403)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from nisi.core.roles import ROLE_REACH, Reach, Role

pytestmark = pytest.mark.django_db

ACCOUNT_LIST = re.compile(r'<ul class="govuk-list">(.*?)</ul>', re.S)
HEADER = re.compile(r"<header .*?</header>", re.S)
HREF = re.compile(r'href="(/[^"#]*)"')


def _links(html: str) -> set[str]:
    parts = HEADER.findall(html) + ACCOUNT_LIST.findall(html)[:1]
    return {href.replace("&amp;", "&") for part in parts for href in HREF.findall(part)}


@pytest.mark.parametrize("role", list(Role))
def test_every_link_on_the_account_page_opens_for_each_role(
    role: Role, client: Any, make_user: Any, make_org: Any
) -> None:
    reach = ROLE_REACH[role]
    user = make_user(
        role,
        organization=make_org() if reach is Reach.ORGANIZATION else None,
        region="35" if reach is Reach.REGION else None,
        body="solid_minerals" if role == Role.COMPETENT_BODY else "",
    )
    client.force_login(user)
    page = client.get("/en/account/")
    assert page.status_code == 200
    links = _links(page.content.decode())
    assert "/en/account/" in links
    refused = {link: client.get(link).status_code for link in sorted(links)}
    assert {link: code for link, code in refused.items() if code >= 400} == {}
