"""The site's form renderer: the commonest widgets written in Python, the rest by their templates.

Each widget that Django renders is a template of its own, which includes another for its attributes: the five
fields of the register's search cost more to render than the search itself (bench/cpu_per_request.py). Inputs,
selects and text areas are written here instead, to the byte what their templates write (Django's `input.html`
and `attrs.html`, and nisi.web's `select.html`; tests/web/test_widget_renderer.py compares the two for every form
of the site), escaped as the templates escape. Any other widget, or a value the templates would localize (a
number as a choice's label), goes to its template as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "date", "datetime", "time", "email", "number", "password", "search", "tel", "url")
} | {"django/forms/widgets/hidden.html"}


class _Unusual(Exception):
    """A value the template would render otherwise than `str` (localized, or not text): leave it to the template."""


def _text(value: Any) -> str:
    # `{{ value }}`: text and lazy text are written as they are (escaped unless marked safe); anything else the
    # template would localize, so it is not written here.
    if isinstance(value, SafeData):
        return str(value)
    if isinstance(value, (str, Promise)):
        return escape(value)
    raise _Unusual


def _formatted(value: Any) -> str:
    # `{{ value|stringformat:'s' }}`: any value made text; escaped unless it was marked safe (the filter keeps that).
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict[str, Any]) -> str:
    # django/forms/widgets/attrs.html: `{{ value|stringformat:'s' }}` makes text of any value, then escapes it.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"')
    return "".join(parts)


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            value = _formatted(option["value"])
            parts.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{_text(option["label"])}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{shown}</textarea>'


_WRITERS: dict[str, Callable[[dict[str, Any]], str]] = dict.fromkeys(_INPUTS, _input) | {
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
}


class WidgetRenderer(TemplatesSetting):
    """Widgets render with the site's template engine (its cached loader, nisi.web's templates first), the
    commonest ones written directly."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        writer = _WRITERS.get(template_name)
        if writer is not None and "widget" in context:
            try:
                return mark_safe(writer(context["widget"]).strip())  # noqa: S308  (every part escaped above)
            except _Unusual:
                pass
        return super().render(template_name, context, request)
