"""The report's and the dashboard's charts: Vega-Lite specifications rendered to SVG on the server by vl-convert
(DESIGN: the same chart serves the page, the PDF and the reader without JavaScript, each with its data table
beside it), and the map of regions drawn as a Vega-Lite geoshape from the region shapes the project ships."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import nisi.industrialization
from nisi.core.charts import COLOUR, FONT, SCHEMA, bar_spec, chart_config, data_uri, line_spec, svg

SHAPES_FILE = Path(nisi.industrialization.__file__).parent / "static" / "industrialization" / "kz-regions.geojson"


TOLERANCE = 0.04  # degrees (≤ 4.5 km): under one pixel of the 520-pixel map of a country ≈ 3,000 km wide


def _simplified(ring: list[list[float]], tolerance: float = TOLERANCE) -> list[list[float]]:
    """A ring of points with those that stray less than `tolerance` from the line between kept neighbours left out
    (Douglas–Peucker), and the height dropped: the chart and the PDF draw a third of the points for the same
    picture."""
    points = [(float(p[0]), float(p[1])) for p in ring]
    if len(points) < 5:
        return [list(p) for p in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        far, index = 0.0, 0
        for k in range(first + 1, last):
            x, y = points[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > far:
                far, index = d, k
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept = [list(p) for p, k in zip(points, keep, strict=True) if k]
    return kept if len(kept) >= 4 else [list(p) for p in points]


def _geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_simplified(r) for r in geometry["coordinates"]]}
    if geometry["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[_simplified(r) for r in polygon] for polygon in geometry["coordinates"]],
        }
    return geometry


@cache
def _shapes() -> dict[str, Any]:
    """The shipped region shapes, simplified once per process for the charts (the map page keeps the full ones)."""
    shapes = dict(json.loads(SHAPES_FILE.read_text(encoding="utf-8")))
    for feature in shapes["features"]:
        feature["geometry"] = _geometry(feature["geometry"])
    return shapes


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
    top = max((v for v in values.values() if v is not None), default=0)
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
                # From zero, so that no figure is the lightest blue; when every figure is zero, the whole map is
                # that lightest blue (a scale from 0 to 0 would paint every region in the darkest).
                "scale": {"type": "quantize", "scheme": "blues", "nice": True, "domain": [0, top or 1]},
                "legend": {"orient": "left"},
            },
        },
        "config": {**chart_config(), "mark": {"invalid": None}},
    }


__all__ = ["COLOUR", "FONT", "SCHEMA", "bar_spec", "data_uri", "line_spec", "map_spec", "svg"]
