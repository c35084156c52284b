"""The regions' shapes shipped with the project (static/industrialization/kz-regions.geojson, see its NOTICE): the
same file the map draws and the services check a project's point against."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from nisi.industrialization.rules import Shape

SHAPES_FILE = Path(__file__).parent / "static" / "industrialization" / "kz-regions.geojson"


@cache
def region_shapes() -> tuple[Shape, ...]:
    """Each region's code (first two KATO digits) with its polygons, read once."""
    collection = json.loads(SHAPES_FILE.read_text(encoding="utf-8"))
    shapes: list[Shape] = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        shapes.append((feature["properties"]["code"], polygons))
    return tuple(shapes)
