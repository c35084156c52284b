"""The change set sent to the Commission (IP-9.37), table-driven: what it holds against what the register is."""

from __future__ import annotations

import pytest

from nisi.eurasian_register import rules

GOOD = {"name": "x"}


@pytest.mark.law("IP-9.37")
@pytest.mark.parametrize(
    ("current", "held", "expected"),
    [
        ({}, {}, []),  # nothing in either: nothing sent
        ({"a": ("f1", GOOD)}, {}, [("include", "a")]),  # new in the register
        ({"a": ("f1", GOOD)}, {"a": "f1"}, []),  # held as it is: not sent again
        ({"a": ("f2", GOOD)}, {"a": "f1"}, [("change", "a")]),  # its details changed
        ({}, {"a": "f1"}, [("remove", "a")]),  # left the register
        (
            {"b": ("f1", GOOD), "c": ("f3", GOOD)},
            {"a": "f1", "b": "f1", "c": "f2"},
            [("remove", "a"), ("change", "c")],
        ),
    ],
)
def test_ip_9_37_the_changes_since_the_last_acknowledged_exchange(
    current: dict, held: dict, expected: list[tuple[str, str]]
) -> None:
    assert [(c.operation, c.key) for c in rules.change_set(current, held)] == expected


def test_a_removal_carries_no_good_and_an_inclusion_carries_it() -> None:
    [include, remove] = rules.change_set({"a": ("f", GOOD)}, {"b": "f"})
    assert include.as_dict() == {"operation": "include", "key": "a", "good": GOOD}
    assert remove.as_dict() == {"operation": "remove", "key": "b"}
