import pytest
from tests.industrialization.conftest import *  # noqa

def test_smoke(today, people, included):
    from nisi.industrialization.selectors.map import MapFilters, map_data
    p = included()
    assert p.status == "included"
    d = map_data(MapFilters())
    assert len(d.projects) == 1
