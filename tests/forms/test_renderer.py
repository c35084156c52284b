"""The widgets written in Python write what their templates write, to the byte, escaping included."""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

import nisi
from nisi.forms import GovukFormMixin, date_field
from nisi.forms.renderer import WidgetRenderer

NASTY = "<script>\"a\" & 'b'</script>"


def both(widget: forms.Widget, name: str, value: Any, attrs: dict[str, Any] | None = None) -> tuple[str, str]:
    fast = widget.render(name, value, attrs=attrs, renderer=WidgetRenderer())
    slow = widget.render(name, value, attrs=attrs, renderer=TemplatesSetting())
    return fast, slow


WIDGETS = [
    (forms.TextInput(), "q", "болат"),
    (forms.TextInput(), "q", None),
    (forms.TextInput(), "q", ""),
    (forms.TextInput(attrs={"class": "govuk-input", "aria-describedby": "id_q-hint"}), "q", NASTY),
    (forms.TextInput(attrs={"required": True, "disabled": False, "maxlength": 200}), "q", 12),
    (forms.TextInput(attrs={"placeholder": gettext_lazy("Search"), "data-x": mark_safe("<b>")}), "q", "x"),
    (forms.TextInput(attrs={"data-nasty": NASTY}), NASTY, mark_safe("<i>kept</i>")),
    (forms.NumberInput(), "count", 3),
    (forms.EmailInput(), "email", "a@b.kz"),
    (forms.PasswordInput(), "password", "secret"),
    (forms.PasswordInput(render_value=True), "password", "secret"),
    (forms.HiddenInput(), "next", "/ru/?a=1&b=2"),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "on", dt.date(2026, 3, 1)),
    (date_field("On").widget, "on", "2026-03-01"),
    (forms.URLInput(), "url", "https://example.kz/?a=<b>"),
    (forms.Textarea(attrs={"rows": 5}), "text", "line 1\nline <2> & 3"),
    (forms.Textarea(), "text", ""),
    (forms.Textarea(), "text", None),
    (forms.Select(choices=[("", gettext_lazy("All regions")), ("10", "Абай"), ("11", NASTY)]), "region", "11"),
    (forms.Select(choices=[("", "—"), ("10", "Абай")]), "region", None),
    (forms.Select(choices=[("a", "A"), ("b", "B")], attrs={"class": "govuk-select"}), "s", "b"),
    (forms.Select(choices=[("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")]), "s", "a"),
    (forms.Select(choices=[(1, 1), (2, 2), (3000, 3000)]), "n", 2),  # numbers as labels: the template's own
    (forms.Select(choices=[(True, "yes"), (False, "no")]), "b", True),
    (forms.SelectMultiple(choices=[("a", "A"), ("b", "B")]), "m", ["a", "b"]),
    (forms.NullBooleanSelect(), "nb", None),
]


@pytest.mark.parametrize(("widget", "name", "value"), WIDGETS)
def test_a_widget_written_in_python_is_its_template_to_the_byte(widget: forms.Widget, name: str, value: Any) -> None:
    fast, slow = both(widget, name, value)
    assert fast == slow


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_numbers_and_dates_in_widgets_are_the_templates_in_each_language(language: str, settings: Any) -> None:
    from django.utils import translation

    with translation.override(language):
        for widget, name, value in WIDGETS:
            fast, slow = both(widget, name, value)
            assert fast == slow, (language, name)


def test_the_error_classes_and_the_description_of_a_refused_answer_are_written_as_the_template_writes_them() -> None:
    class Form(GovukFormMixin, forms.Form):
        q = forms.CharField(help_text="hint", max_length=3)
        region = forms.ChoiceField(choices=[("1", "One")])
        on = date_field("On")

    form = Form({"q": NASTY, "region": "9", "on": "not a date"})
    assert not form.is_valid()
    for field in form:
        fast = field.field.widget.render(
            field.html_name, field.value(), attrs=field.build_widget_attrs({}), renderer=WidgetRenderer()
        )
        slow = field.field.widget.render(
            field.html_name, field.value(), attrs=field.build_widget_attrs({}), renderer=TemplatesSetting()
        )
        assert fast == slow
        assert "error" in fast


def _site_forms() -> list[type[forms.BaseForm]]:
    found = set()
    for module in pkgutil.walk_packages(nisi.__path__, "nisi."):
        if ".forms" not in module.name and not module.name.endswith("forms"):
            continue
        loaded = importlib.import_module(module.name)
        for _name, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith("nisi."):
                found.add(value)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


@pytest.mark.django_db
def test_every_form_of_the_site_that_stands_alone_renders_the_same_either_way(settings: Any) -> None:
    rendered = 0
    for form_class in _site_forms():
        try:
            form = form_class()
        except TypeError:
            continue  # a form that needs its record or its choices: covered by the widgets above
        for field in form:
            widget = field.field.widget
            attrs = field.build_widget_attrs({})
            if widget.use_required_attribute(field.initial) and field.field.required and form.use_required_attribute:
                attrs["required"] = True
            fast = widget.render(field.html_name, field.value(), attrs=attrs, renderer=WidgetRenderer())
            slow = widget.render(field.html_name, field.value(), attrs=attrs, renderer=TemplatesSetting())
            assert fast == slow, f"{form_class.__qualname__}.{field.name}"
            rendered += 1
    assert rendered > 20
