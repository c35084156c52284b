"""The rows of the register's public pages, written in Python, are what the templates' loops wrote, escaped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import engines
from django.utils import translation

from nisi.core.models import Organization
from nisi.registry.models import RegisterGood, RegisterRecord
from nisi.registry.views.public import good_rows, result_rows

NASTY = "<script>\"a\" & 'b'</script>"

# The loops the pages had, kept here as the measure of what the rows must be.
SEARCH_LOOP = """{% for g in goods %}
      <tr class="govuk-table__row">
        <td class="govuk-table__cell"><a class="govuk-link" href="{{ producer_url }}{{ g.record.organization.identifier }}/">{{ g.record.organization.name }}</a><br><span class="govuk-body-s">{{ g.record.organization.identifier }} · {{ g.record.number }}</span></td>
        <td class="govuk-table__cell">{{ g.name_ru }}</td>
        <td class="govuk-table__cell">{{ g.tnved_code|default:g.hs_code|default:"—" }}</td>
        <td class="govuk-table__cell">{{ g.included_on|date:"d.m.Y" }}</td>
        <td class="govuk-table__cell govuk-table__cell--numeric">{{ g.domestic_value_share|default:"—" }}</td>
      </tr>
{% endfor %}"""
PRODUCER_LOOP = """{% load i18n %}{% for g in goods %}<tr class="govuk-table__row"><td class="govuk-table__cell">{{ g.tnved_code|default:g.hs_code|default:"—" }}</td><td class="govuk-table__cell">{{ g.name_ru }}{% if g.wholly_produced %} <strong class="govuk-tag govuk-tag--grey">{% translate "wholly produced" %}</strong>{% endif %}</td><td class="govuk-table__cell govuk-table__cell--numeric">{% if g.unit %}{{ g.annual_capacity|floatformat:"-3g" }} {{ g.unit }}{% else %}—{% endif %}</td><td class="govuk-table__cell govuk-table__cell--numeric">{{ g.domestic_value_share|default:"—" }}</td><td class="govuk-table__cell">{{ g.included_on|date:"d.m.Y" }}</td></tr>{% endfor %}"""


def goods() -> list[RegisterGood]:
    org = Organization(identifier="123456789012", name=f"ТОО {NASTY}")
    record = RegisterRecord(number="KZ-<1>", organization=org)
    common = {"record": record, "included_on": dt.date(2026, 3, 1)}
    return [
        RegisterGood(hs_code="720810", tnved_code="7208100000", name_ru="Прокат", annual_capacity=Decimal("12345.5"),
                     unit="т", domestic_value_share=Decimal("87.50"), **common),
        RegisterGood(hs_code="040110", name_ru=NASTY, annual_capacity=Decimal("1000000"), unit="л & <кг>",
                     domestic_value_share=Decimal("0"), wholly_produced=True, **common),
        RegisterGood(hs_code="", name_ru="Программа", annual_capacity=Decimal("0"), unit="",
                     domestic_value_share=None, **common),
    ]  # fmt: skip


def squeezed(html: str) -> str:
    return "".join(line.strip() for line in html.splitlines())


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_search_rows_are_the_templates_loop(language: str) -> None:
    with translation.override(language):
        loop = engines["django"].from_string(SEARCH_LOOP).render({"goods": goods(), "producer_url": "/ru/p/"})
        rows = result_rows(goods(), "/ru/p/")
    assert squeezed(rows) == squeezed(loop)
    assert NASTY not in rows
    assert "&lt;script&gt;" in rows


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_producers_goods_are_the_templates_loop(language: str) -> None:
    with translation.override(language):
        loop = engines["django"].from_string(PRODUCER_LOOP).render({"goods": goods()})
        rows = good_rows(goods())
    assert rows == loop
    assert NASTY not in rows
    assert "&lt;script&gt;" in rows
