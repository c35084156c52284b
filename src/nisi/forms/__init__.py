"""Forms in the GOV.UK pattern: govuk classes on widgets, errors linked from the summary, answers kept.

The bottom of the house: every app's forms (the law layer's public pages' too) stand on these pieces, so this package
imports Django only (an import-linter contract keeps it so). The web shell's own forms are in `nisi.web.forms`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

WIDGET_CLASSES: dict[str, str] = {
    "DateInput": "govuk-input govuk-input--width-10",
    "Select": "govuk-select",
    "Textarea": "govuk-textarea",
    "CheckboxInput": "govuk-checkboxes__input",
    "CheckboxSelectMultiple": "govuk-checkboxes__input",
    "RadioSelect": "govuk-radios__input",
    "ClearableFileInput": "govuk-file-upload",
    "FileInput": "govuk-file-upload",
    "HiddenInput": "",
}


# The error summary links a question of radios or checkboxes to its first option (the GOV.UK pattern); Django gives
# such a group no id to link to. Named as Django's widgets, so that they get the same classes; GovukFormMixin puts
# them in place of Django's in every form.
class RadioSelect(forms.RadioSelect):
    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


_LINKABLE = {forms.RadioSelect: RadioSelect, forms.CheckboxSelectMultiple: CheckboxSelectMultiple}


# The dates a person may give in any form: no document, person or term of either law falls outside them, and a
# date near the ends of the calendar (31 December 9999) breaks the arithmetic done on it later (the day after a
# visa ends, a term counted from a date), so it is refused where it is typed.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)


def _date_in_range(value: dt.date) -> None:
    if not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s")
            % {"first": DATE_MIN.isoformat(), "last": DATE_MAX.isoformat()},
            code="out_of_range",
        )


def date_field(
    label: Any, required_message: Any = None, *, required: bool = True, help_text: Any = ""
) -> forms.DateField:
    """A date chosen in the browser's date input, with errors that say what to enter. The input's value is ISO
    (2026-03-01) whatever the page's language: a date input shows nothing for 01.03.2026, so a form shown again
    with its answers would otherwise lose its dates on the Russian and Kazakh pages. Dates outside DATE_MIN …
    DATE_MAX are refused."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        validators=[_date_in_range],
        widget=forms.DateInput(
            attrs={"type": "date", "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}, format="%Y-%m-%d"
        ),
        error_messages={
            "invalid": _("Enter a real date, for example 2026-03-01"),
            "required": required_message or _("Enter the date"),
        },
    )


class GovukFormMixin:
    """Adds govuk-frontend classes and the error/hint wiring to every widget.

    Error classes are added after validation (in `full_clean`), so that subclasses can finish setting up their
    fields (choices, for instance) before anything is validated.
    """

    ERROR_CLASSES = {
        "govuk-input": "govuk-input--error",
        "govuk-select": "govuk-select--error",
        "govuk-textarea": "govuk-textarea--error",
        "govuk-file-upload": "govuk-file-upload--error",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            linkable = _LINKABLE.get(type(field.widget))
            if linkable is not None:
                field.widget = linkable(attrs=field.widget.attrs, choices=field.widget.choices)
            widget = field.widget
            css = WIDGET_CLASSES.get(type(widget).__name__, "govuk-input")
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_errors()

    def mark_errors(self) -> None:
        """The error classes and the error's description on every question with an error; called again when a
        service's refusal is put on the form after validation (nisi.forms.posting)."""
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name in form.errors:
            field = form.fields.get(name)
            if field is None:
                continue
            widget = field.widget
            classes = widget.attrs.get("class", "").split()
            extra = [
                self.ERROR_CLASSES[c]
                for c in classes
                if c in self.ERROR_CLASSES and self.ERROR_CLASSES[c] not in classes
            ]
            widget.attrs["class"] = " ".join(classes + extra)
            described = [d for d in widget.attrs.get("aria-describedby", "").split() if d]
            if f"id_{name}-error" not in described:
                described.append(f"id_{name}-error")
            widget.attrs["aria-describedby"] = " ".join(described)
