"""The shared form pieces (nisi.forms)."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from nisi.forms import GovukFormMixin, date_field


class _Dates(GovukFormMixin, forms.Form):
    on = date_field("On", "Enter the day")
    until = date_field("Until", required=False)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_date_shown_again_stays_in_the_date_input_in_every_language(language: str) -> None:
    """A date input shows nothing for 01.03.2026: the value is ISO on every page, or a form shown again with its
    answers (one answer wrong) would lose its dates on the Russian and Kazakh pages."""
    with translation.override(language):
        initial = str(_Dates(initial={"on": dt.date(2026, 3, 1)})["on"])
        again = _Dates({"on": "2026-03-01", "until": "not a date"})
        assert not again.is_valid()
        shown = str(again["on"])
    for html in (initial, shown):
        assert 'type="date"' in html
        assert 'value="2026-03-01"' in html


def test_a_date_field_says_what_to_enter() -> None:
    with translation.override("en"):
        form = _Dates({"on": "", "until": "2026-02-30"})
        assert not form.is_valid()
        assert form.errors == {"on": ["Enter the day"], "until": ["Enter a real date, for example 2026-03-01"]}
        assert _Dates({"on": "2026-03-01"}).is_valid()
