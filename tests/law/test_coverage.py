from pathlib import Path

from nisi.law.coverage import marks_by_provision, render
from nisi.law.provisions import exists

TESTS = Path(__file__).resolve().parents[1]


def test_every_law_mark_names_a_provision_in_the_catalogue() -> None:
    marks = marks_by_provision(TESTS)
    assert marks, "no test is marked with a provision"
    assert [p for p in marks if not exists(p)] == []


def test_the_committed_coverage_report_is_current() -> None:
    committed = (TESTS.parent / "docs" / "law-coverage.md").read_text(encoding="utf-8")
    assert committed == render(TESTS), "run `make law-coverage` and commit docs/law-coverage.md"
