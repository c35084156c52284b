"""The report's and the dashboard's charts: Vega-Lite specifications rendered to SVG on the server by vl-convert
(DESIGN: the same chart serves the page, the PDF and the reader without JavaScript, each with its data table
beside it), and the map of regions drawn as a Vega-Lite geoshape from the region shapes the project ships."""

from __future__ import annotations

import base64
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import nisi.industrialization

FONT = "DejaVu Sans"  # covers Kazakh Cyrillic; the same font the PDF is set in
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
COLOUR = "#1d70b8"
SHAPES_FILE = Path(nisi.industrialization.__file__).parent / "static" / "industrialization" / "kz-regions.geojson"


def _config() -> dict[str, Any]:
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
        "config": _config(),
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
        "config": _config(),
    }


@cache
def _shapes() -> dict[str, Any]:
    return dict(json.loads(SHAPES_FILE.read_text(encoding="utf-8")))


def map_spec(values: dict[str, int | None], names: dict[str, str], *, value_title: str) -> dict[str, Any]:
    """The regions coloured by a figure (a region whose figure is suppressed or absent is grey)."""
    features = []
    for feature in _shapes()["features"]:
        code = feature["properties"]["code"]
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {"code": code, "name": names.get(code, code), "value": values.get(code)},
            }
        )
    return {
        "$schema": SCHEMA,
        "width": 520,
        "height": 300,
        "data": {"values": {"type": "FeatureCollection", "features": features}, "format": {"property": "features"}},
        "projection": {"type": "mercator"},
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.7},
        "encoding": {
            "color": {
                "field": "properties.value",
                "type": "quantitative",
                "title": value_title,
                "scale": {"type": "quantize", "scheme": "blues", "nice": True},
                "legend": {"orient": "left"},
            },
        },
        "config": {**_config(), "mark": {"invalid": None}},
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
