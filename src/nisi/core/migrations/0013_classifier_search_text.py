"""Classifier codes get a folded search column (nisi.core.text.search_key): a search by name in Russian or Kazakh
compared names with `icontains`, which on SQLite folds the case of ASCII letters only ("Прокат" did not find
"прокат"). The statistical chapter 99 ("commodities not specified according to kind", 999999) that the HS loader
took from its package is not a code of the HS: it goes, so that no good is declared with it."""

import unicodedata

from django.db import migrations, models

_LETTERS = str.maketrans(
    {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и", "ё": "е",
     "«": " ", "»": " ", "„": " ", "“": " ", "”": " ", '"': " ", "'": " ", "—": " ", "–": " "}
)


def _search_key(text):
    # A copy of nisi.core.text.search_key as it was when this migration was written (migrations must not move
    # when the code does).
    folded = text.casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFD", folded.replace("й", "\0"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\0", "й")
    return " ".join(unicodedata.normalize("NFC", stripped).split())


def backfill(apps, schema_editor):
    ClassifierCode = apps.get_model("core", "ClassifierCode")
    ClassifierCode.objects.filter(system="HS", code__startswith="99").delete()
    batch = []
    for code in ClassifierCode.objects.only("id", "name_kk", "name_ru", "name_en").order_by("id").iterator(2000):
        code.search_text = _search_key(" ".join((code.name_kk, code.name_ru, code.name_en)))
        batch.append(code)
        if len(batch) == 2000:
            ClassifierCode.objects.bulk_update(batch, ["search_text"])
            batch = []
    ClassifierCode.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("core", "0012_account_language")]

    operations = [
        migrations.AddField(
            model_name="classifiercode",
            name="search_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
