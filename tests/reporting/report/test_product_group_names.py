"""The product groups (HS chapters) of the dashboard and the National Report are named in the reader's language: the
HS package names them in English only, so the project ships their Russian and Kazakh names and writes them on the
chapters (`nisi.core.classifier_names`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from nisi.core.classifier_names import hs_chapter_names, hs_chapters_name
from nisi.core.models import ClassifierCode

pytestmark = pytest.mark.django_db


def test_every_hs_chapter_has_a_russian_and_a_kazakh_name() -> None:
    names = hs_chapter_names()
    assert len(names) == 96  # 01 … 97, chapter 77 reserved
    assert "77" not in names
    assert all(n["ru"] and n["kk"] for n in names.values())
    loaded = ClassifierCode.objects.filter(system="HS", level=2)
    assert loaded.count() == 96
    assert not loaded.filter(name_ru="").exists()
    assert not loaded.filter(name_kk="").exists()


@pytest.mark.law("IP-16.3")
@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [("ru", "72 — Черные металлы", "Iron and steel"), ("kk", "72 — Қара металдар", "Iron and steel")],
)
def test_the_dashboards_product_groups_are_in_the_readers_language(
    client: Client, producers: Any, today: Any, language: str, shown: str, not_shown: str
) -> None:
    cache.clear()
    producers(3, "35")
    html = client.get(f"/{language}/reporting/dashboard/").content.decode()
    assert shown in html
    assert not_shown not in html


def test_a_name_given_is_kept_and_a_missing_one_filled() -> None:
    ClassifierCode.objects.filter(system="HS", code="72").update(name_ru="", name_kk="Болат")
    assert hs_chapters_name() == 1
    chapter = ClassifierCode.objects.get(system="HS", code="72")
    assert (chapter.name_ru, chapter.name_kk) == ("Черные металлы", "Болат")
    assert "черные" in chapter.search_text.casefold()
    assert hs_chapters_name() == 0
