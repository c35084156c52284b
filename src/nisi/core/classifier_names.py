"""The HS chapters' names in Russian and Kazakh (the product groups of the register, the National Report and the
dashboard): the HS package gives English names only, so the chapters' names in the two other languages are shipped
with the project (`data/hs_chapters.json`: the groups of the EAEU TN VED in Russian; Kazakh as the project translated
them, to be checked against the Kazakh edition) and written on the chapters that lack them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from nisi.core.text import search_key

DATA = Path(__file__).resolve().parent / "data" / "hs_chapters.json"


@cache
def hs_chapter_names() -> dict[str, dict[str, str]]:
    """{"72": {"ru": "Черные металлы", "kk": "Қара металдар"}, …} for the 96 chapters of HS 2022."""
    return dict(json.loads(DATA.read_text(encoding="utf-8"))["chapters"])


def hs_chapters_name(model: Any = None) -> int:
    """Gives each HS chapter without a Russian or Kazakh name the shipped one (a name already given is kept), with
    its search text; returns how many chapters changed. `model`: the historical model inside a migration."""
    if model is None:
        from nisi.core.models import ClassifierCode

        model = ClassifierCode
    names = hs_chapter_names()
    changed = []
    with transaction.atomic():
        for code in model.objects.filter(system="HS", level=2, code__in=list(names)):
            given = names[code.code]
            before = (code.name_ru, code.name_kk)
            code.name_ru = code.name_ru or given["ru"]
            code.name_kk = code.name_kk or given["kk"]
            if (code.name_ru, code.name_kk) != before:
                # as `selectors.classifier_search_text` folds them (the selectors read the models: not imported here)
                code.search_text = search_key(" ".join((code.name_kk, code.name_ru, code.name_en or "")))
                changed.append(code)
        model.objects.bulk_update(changed, ["name_ru", "name_kk", "search_text"])
    return len(changed)
