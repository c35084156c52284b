"""What the register's search finds a good by: its names and its producer's, folded as people type them.

Every write of a good fills its `search_text` here (bulk writes call `fill`; single saves are filled by the
`pre_save` receiver), and a renamed producer refreshes its goods' (`refresh_for`). The database refuses a good
with no search text, so a write path that forgets is caught at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from nisi.core.models import Organization
from nisi.core.text import search_key
from nisi.registry.models import RegisterGood


def text_for(*, name_ru: str, name_kk: str, organization: Organization) -> str:
    words = " ".join((name_ru, name_kk, organization.name, organization.name_kk))
    # Never empty: a nameless good is still found by its producer's BIN and its code (see selectors).
    return search_key(words) or "-"


def fill(goods: Iterable[RegisterGood], organization: Organization) -> list[RegisterGood]:
    """Sets each good's search text; the goods are those of `organization`'s record."""
    filled = list(goods)
    for good in filled:
        good.search_text = text_for(name_ru=good.name_ru, name_kk=good.name_kk, organization=organization)
    return filled


def refresh_for(organization: Organization) -> int:
    """Re-folds the search text of an organization's goods (after it was renamed); returns how many changed."""
    changed = []
    for good in RegisterGood.objects.filter(record__organization=organization).only(
        "id", "name_ru", "name_kk", "search_text"
    ):
        text = text_for(name_ru=good.name_ru, name_kk=good.name_kk, organization=organization)
        if text != good.search_text:
            good.search_text = text
            changed.append(good)
    RegisterGood.objects.bulk_update(changed, ["search_text"], batch_size=500)
    return len(changed)
