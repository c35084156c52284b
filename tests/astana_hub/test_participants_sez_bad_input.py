"""An SEZ register file with a BIN in other digits, or a control character in a cell, is refused row by row:
nothing is written and no second organization appears for a BIN already registered (issue 9)."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.astana_hub.models import SezParticipant
from nisi.astana_hub.services.participants_sez import SezImportError, sez_import
from nisi.core.models import Organization
from tests.astana_hub.conftest import FUND

HEADER = "bin,register_number,included_on,excluded_on,outside_territory,name\n"


@pytest.mark.parametrize(
    "digits",
    [str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"), str.maketrans("0123456789", "０１２３４５６７８９")],
    ids=["arabic-indic", "fullwidth"],
)
def test_a_bin_in_other_digits_is_refused_and_makes_no_second_organization(
    make_org: Any, digits: dict[int, str]
) -> None:
    known = make_org(name="ТОО «Known»")
    content = f"{HEADER}{known.identifier.translate(digits)},PIT-1,2024-01-10,,no,ТОО «Known again»\n"
    with pytest.raises(SezImportError) as caught:
        sez_import(actor=FUND, content=content.encode(), source="x")
    assert [p.line for p in caught.value.problems] == [2]
    assert "Latin digits" in caught.value.problems[0].message
    assert Organization.objects.count() == 1
    assert not SezParticipant.objects.exists()


def test_a_control_character_in_a_cell_is_refused_by_line(make_org: Any) -> None:
    known = make_org()
    content = f"{HEADER}{known.identifier},PIT\x00-1,2024-01-10,,no,\n"
    with pytest.raises(SezImportError) as caught:
        sez_import(actor=FUND, content=content.encode(), source="x")
    assert [p.line for p in caught.value.problems] == [2]
    assert "register_number" in caught.value.problems[0].message
    assert "U+0000" in caught.value.problems[0].message
    assert not SezParticipant.objects.exists()
