"""The law layer's public forms."""

from django.utils import translation

from nisi.law.forms import DeadlineForm


def test_the_deadline_form_says_how_the_term_is_counted() -> None:
    with translation.override("en"):
        form = DeadlineForm({"start": "2026-03-01", "count": "30"})
        assert not form.is_valid()
        assert form.errors["unit"] == ["Choose working days, calendar days or months"]
