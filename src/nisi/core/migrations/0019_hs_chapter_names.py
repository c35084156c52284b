"""The HS chapters already loaded get their Russian and Kazakh names (the product groups shown in ru and kk)."""

from typing import Any

from django.db import migrations


def name_chapters(apps: Any, schema_editor: Any) -> None:
    from nisi.core.classifier_names import hs_chapters_name

    hs_chapters_name(apps.get_model("core", "ClassifierCode"))


class Migration(migrations.Migration):
    dependencies = [("core", "0018_document_issuer_organization")]

    operations = [migrations.RunPython(name_chapters, migrations.RunPython.noop)]
