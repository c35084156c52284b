"""IP-6.3 in its own terms: who may see one entity's figures, and the suppression of aggregates that would reveal
fewer than three entities (primary at the 2/3 boundary, secondary so that no total gives a suppressed cell back)."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.core.disclosure import Ground, Relation, disclosure_ground, minimum_entities, primary_suppressed, suppress


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("entities", "suppressed"),
    [(0, False), (1, True), (2, True), (3, False), (4, False), (1000, False)],
    ids=["empty-reveals-nobody", "one", "two-boundary", "three-boundary", "four", "many"],
)
def test_ip_6_3_a_cell_of_fewer_than_three_entities_is_suppressed(entities: int, suppressed: bool) -> None:
    assert primary_suppressed(entities, minimum_entities(dt.date(2026, 1, 1))) is suppressed


def test_the_minimum_is_the_dated_parameter() -> None:
    assert minimum_entities(dt.date(2026, 1, 1)) == 3


@pytest.mark.parametrize(("entities", "minimum"), [(-1, 3), (2, 0)])
def test_impossible_inputs_are_refused(entities: int, minimum: int) -> None:
    with pytest.raises(ValueError, match=r"(?i)entities"):
        primary_suppressed(entities, minimum)


ENTITY, VIEWER, OTHER = 1, 2, 3


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("viewer", "by_law", "consented", "court", "expected"),
    [
        ({ENTITY}, False, [], False, Ground.OWN),
        ({VIEWER}, True, [], False, Ground.LAW),
        ({VIEWER}, False, [VIEWER], False, Ground.CONSENT),
        ({VIEWER}, False, [OTHER], False, None),  # consent to someone else is not consent to the viewer
        ({VIEWER}, False, [], False, None),  # a third party without consent sees nothing
        (set(), False, [], False, None),  # the public
        ({VIEWER}, False, [], True, Ground.COURT),
    ],
    ids=["own", "authorized-body", "consent", "consent-to-another", "no-consent", "public", "court-decision"],
)
def test_ip_6_3_no_third_party_without_consent(
    viewer: set[int], by_law: bool, consented: list[int], court: bool, expected: Ground | None
) -> None:
    ground = disclosure_ground(
        viewer_organizations=viewer, collects_by_law=by_law, entity=ENTITY, consented_to=consented, court_ordered=court
    )
    assert ground == expected


def _row(*counts: int) -> tuple[dict[str, int], list[Relation[str]]]:
    """One row of cells a, b, c … with their total T (its entities the sum: distinct entities per cell)."""
    cells = {chr(ord("a") + i): n for i, n in enumerate(counts)}
    return {**cells, "T": sum(counts)}, [Relation("T", tuple(cells))]


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ((5, 7, 9), set()),  # nothing small: all published
        ((2, 7, 9), {"a", "b"}),  # a lone small cell: the next smallest goes with it, or T − b − c gives a back
        ((3, 7, 9), set()),  # three is enough
        ((2, 1, 9), {"a", "b"}),  # two small cells protect each other
        ((2, 0, 9), {"a", "c"}),  # an empty cell hides nothing: the smallest cell with entities is taken
        ((2, 0, 0), {"a", "T"}),  # nothing else to take: the total (2 entities) is suppressed itself
        ((4, 0, 0), set()),
    ],
    ids=["none", "lone-small", "boundary-three", "two-small", "skip-empty", "total-itself", "one-big"],
)
def test_ip_6_3_secondary_suppression_in_a_row(counts: tuple[int, ...], hidden: set[str]) -> None:
    entities, relations = _row(*counts)
    assert suppress(entities, relations, minimum=3) == frozenset(hidden)


def _recoverable(entities: dict[str, int], relations: list[Relation[str]], hidden: frozenset[str]) -> set[str]:
    """The hidden cells that one published relation gives back by subtraction (the only unknown in it)."""
    back: set[str] = set()
    for relation in relations:
        unknown = [c for c in (*relation.members, relation.total) if c in hidden]
        if len(unknown) == 1:
            back.add(unknown[0])
    return back


@pytest.mark.law("IP-6.3")
def test_ip_6_3_a_table_with_row_and_column_totals_gives_nothing_back() -> None:
    # Regions (rows) × years (columns), with row totals R*, column totals C* and the grand total G.
    grid = {("r1", "y1"): 2, ("r1", "y2"): 8, ("r2", "y1"): 6, ("r2", "y2"): 7, ("r3", "y1"): 5, ("r3", "y2"): 9}
    entities = {f"{r}{y}": n for (r, y), n in grid.items()}
    rows = {r: [f"{r}{y}" for y in ("y1", "y2")] for r in ("r1", "r2", "r3")}
    cols = {y: [f"{r}{y}" for r in ("r1", "r2", "r3")] for y in ("y1", "y2")}
    for r, members in rows.items():
        entities[f"R{r}"] = sum(entities[m] for m in members)
    for y, members in cols.items():
        entities[f"C{y}"] = sum(entities[m] for m in members)
    entities["G"] = sum(grid.values())
    relations = [Relation(f"R{r}", tuple(m)) for r, m in rows.items()]
    relations += [Relation(f"C{y}", tuple(m)) for y, m in cols.items()]
    relations.append(Relation("G", tuple(f"R{r}" for r in rows)))
    relations.append(Relation("G", tuple(f"C{y}" for y in cols)))
    hidden = suppress(entities, relations, minimum=3)
    assert "r1y1" in hidden  # the primary cell
    assert len(hidden) >= 4  # its row, its column and the corner that closes the rectangle
    assert not _recoverable(entities, relations, hidden)
    published = set(entities) - hidden
    assert all(entities[c] == 0 or entities[c] >= 3 for c in published)


def test_size_chooses_the_secondary_cell() -> None:
    entities, relations = _row(2, 5, 4)
    # By entities the third (4) would go; by the amount it carries the second, which is smaller.
    assert suppress(entities, relations, minimum=3, size={"a": 10, "b": 20, "c": 900}) == {"a", "b"}
