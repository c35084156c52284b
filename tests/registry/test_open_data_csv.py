"""The register's open data CSV (IP-16.3): whatever a producer or an officer typed, no cell opens as a formula in a
spreadsheet."""

import csv
import io

from django.test import Client

from nisi.core.models import Organization
from nisi.registry.models import RegisterGood, RegisterRecord


def test_the_open_data_csv_writes_formula_like_text_as_text(client: Client, included: RegisterRecord) -> None:
    RegisterGood.objects.filter(record=included).update(name_ru='=HYPERLINK("http://x.example","Прокат")')
    Organization.objects.filter(pk=included.organization_id).update(name="@SUM(1+1) ТОО")
    body = b"".join(client.get("/en/register/open-data.csv").streaming_content).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(body)))
    assert row["name"] == "'@SUM(1+1) ТОО"
    assert row["good_name_ru"] == '\'=HYPERLINK("http://x.example","Прокат")'
    assert row["register_number"] == included.number
    assert row["annual_capacity"][0].isdigit()  # numbers stay numbers
