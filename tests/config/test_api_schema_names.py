"""Every schema the API describes has a name of its own: OpenAPI files schemas by their class's name, so two apps'
`ReportOut` would silently share one description and the API would answer otherwise than it says."""

from collections import defaultdict

from ninja import Schema

from nisi.config.api import api


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    api.get_openapi_schema()  # every router's schemas imported
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("nisi."):
            by_name[cls.__name__].add(cls.__module__)
    shared = {name: sorted(modules) for name, modules in by_name.items() if len(modules) > 1}
    assert shared == {}
