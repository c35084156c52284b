"""Charts drawn on the server: Vega-Lite specifications rendered to SVG by vl-convert (DESIGN: the same chart serves
the page, the PDF and the reader without JavaScript, each with its data table beside it). One renderer for every app:
the National Report and the dashboard (their map of regions stays in `nisi.reporting.report_charts`), the import
prices' history (IP-52)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

from django.core.cache import cache

FONT = "DejaVu Sans"  # covers Kazakh Cyrillic; the same font the PDF is set in
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
COLOUR = "#1d70b8"


def chart_config() -> dict[str, Any]:
    return {
        "font": FONT,
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 11, "labelLimit": 260},
        "legend": {"labelFontSize": 11, "titleFontSize": 11},
    }


def bar_spec(rows: list[dict[str, Any]], *, value_title: str, label_title: str) -> dict[str, Any]:
    """Horizontal bars, one per row ({"label", "value"}), in the rows' order."""
    return {
        "$schema": SCHEMA,
        "width": 420,
        "height": {"step": 18},
        "data": {"values": rows},
        "mark": {"type": "bar", "color": COLOUR},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": None, "title": label_title},
            "x": {"field": "value", "type": "quantitative", "title": value_title},
        },
        "config": chart_config(),
    }


def line_spec(rows: list[dict[str, Any]], *, value_title: str, label_title: str) -> dict[str, Any]:
    """A line over dates ({"label": ISO date, "value"})."""
    return {
        "$schema": SCHEMA,
        "width": 420,
        "height": 180,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True, "color": COLOUR},
        "encoding": {
            "x": {"field": "label", "type": "ordinal", "sort": None, "title": label_title},
            "y": {"field": "value", "type": "quantitative", "title": value_title},
        },
        "config": chart_config(),
    }


_ID = re.compile(r'\bid="([^"]+)"')


def _stable_ids(text: str) -> str:
    """vl-convert numbers gradients and clips by a counter that lives as long as the process (gradient_0, then
    gradient_1 for the same chart): renumbered here in order of appearance, so the same chart is the same bytes."""
    for n, old in enumerate(dict.fromkeys(_ID.findall(text))):
        text = re.sub(rf'(id="|#){re.escape(old)}(?=[")])', rf"\g<1>nisi-{n}", text)
    return text


def svg(spec: dict[str, Any]) -> str:
    import vl_convert  # imported here: the chart renderer is loaded only where charts are drawn

    return _stable_ids(str(vl_convert.vegalite_to_svg(spec)))


def data_uri(svg_text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg_text.encode()).decode()


CHART_KEEP_S = 600  # a chart of the same figures is the same bytes: drawn once, kept ten minutes


def bar_chart_uri(rows: list[dict[str, Any]], *, value_title: str, label_title: str) -> str | None:
    """Horizontal bars ({"label", "value"} each) drawn on the server, as a data URI for an `<img>` beside the same
    figures' table; None for no rows. Kept in the cache by the chart's own content (labels, values, titles), so a
    page drawn again in the same language costs no rendering."""
    if not rows:
        return None
    spec = bar_spec(rows, value_title=value_title, label_title=label_title)
    content = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)
    key = "core:chart:" + hashlib.sha256(content.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = data_uri(svg(spec))
        cache.set(key, found, CHART_KEEP_S)
    return str(found)
