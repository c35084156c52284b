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


def test_the_law_layers_own_tests_carry_no_law_marks() -> None:
    """Reading a parameter or a date is not exercising a provision: the law layer's tests are not counted, and so
    that nothing is silently dropped they carry no marks at all."""
    import re

    marked = [
        str(path.relative_to(TESTS))
        for path in sorted((TESTS / "law").rglob("test_*.py"))
        if path.name != "test_coverage.py" and re.search(r"mark\.law\(", path.read_text(encoding="utf-8"))
    ]
    assert marked == []


def test_a_mark_in_the_law_layers_tests_does_not_count(tmp_path: Path) -> None:
    (tmp_path / "law").mkdir()
    (tmp_path / "registry").mkdir()
    mark = '@pytest.mark.law("IP-49.1")\ndef test_x():\n    pass\n'
    (tmp_path / "law" / "test_params.py").write_text(mark, encoding="utf-8")
    (tmp_path / "registry" / "test_rules.py").write_text(mark.replace("49.1", "51-1.3"), encoding="utf-8")
    assert dict(marks_by_provision(tmp_path)) == {"IP-51-1.3": [f"{tmp_path.name}/registry/test_rules.py::test_x"]}
