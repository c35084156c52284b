"""The register's search by name: each good's names and its producer's, folded as people type them
(nisi.core.text.search_key), in a column that a trigram index serves on PostgreSQL.

Before: the search compared the typed words with `icontains` across the goods and their producers, which read
every good on each search (about 1 s to 3 s with 1,000,000 goods) and, on SQLite, did not fold Cyrillic case.
"""

import unicodedata

from django.db import migrations, models
from django.db.models import Q

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
    RegisterGood = apps.get_model("registry", "RegisterGood")
    batch = []
    goods = RegisterGood.objects.select_related("record__organization").only(
        "id", "name_ru", "name_kk", "record__organization__name", "record__organization__name_kk"
    )
    for good in goods.order_by("id").iterator(chunk_size=5000):
        org = good.record.organization
        good.search_text = _search_key(" ".join((good.name_ru, good.name_kk, org.name, org.name_kk))) or "-"
        batch.append(good)
        if len(batch) == 5000:
            RegisterGood.objects.bulk_update(batch, ["search_text"])
            batch = []
    RegisterGood.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_lookup_indexes")]

    # The column is made required, constrained and indexed in 0008: PostgreSQL refuses to alter a table in the
    # transaction that updated its rows.
    operations = [
        migrations.AddField(
            model_name="registergood", name="search_text", field=models.TextField(editable=False, null=True)
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
