"""The customs system's feed of import declarations, as the simulator answers for it through the e-government
gateway (IP-52: the prices of imported goods are monitored from the declarations' customs values).

    GET  /api/v1/customs/declarations?after={id}&limit={n}     the declarations' lines released after one, oldest
                                                              first: {"declarations": [...], "last_id": "…"}
    POST /_control/customs/declarations   {"declarations": [{"number", "code", "country", "unit", "quantity",
                                           "customs_value", "declared_on"}, …]}   publish lines (tests, the demo)

Outages, latency and errors are the simulator's per source (`customs`).
"""

from __future__ import annotations

from typing import Any

SOURCE = "customs"
FIELDS = ("number", "code", "country", "unit", "quantity", "customs_value", "declared_on")


class CustomsDeclarations:
    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []

    def reset(self) -> None:
        self.lines.clear()

    def publish(self, payload: Any) -> tuple[int, dict[str, Any]]:
        """Adds declarations' lines to the feed, each with the next id."""
        if not isinstance(payload, dict) or not isinstance(payload.get("declarations"), list):
            return 400, {"error": "the body must be a JSON object with a list of declarations"}
        added = []
        for raw in payload["declarations"]:
            if not isinstance(raw, dict):
                return 400, {"error": "each declaration is a JSON object"}
            line = {"id": str(len(self.lines) + 1), **{k: str(raw.get(k, "")) for k in FIELDS}}
            self.lines.append(line)
            added.append(line)
        return 200, {"published": len(added), "last_id": added[-1]["id"] if added else None}

    def page(self, after: int, limit: int) -> dict[str, Any]:
        page = [x for x in self.lines if int(x["id"]) > after][:limit]
        return {"declarations": page, "last_id": page[-1]["id"] if page else str(after)}
