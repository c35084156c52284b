"""The `nisi` command as a user runs it: real processes, real exit codes, no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

NISI = str(Path(sys.executable).parent / "nisi")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NISI, *args], capture_output=True, text=True, timeout=60, check=False)


def test_param_prints_value_source_and_provisions() -> None:
    r = run("law", "param", "mci", "--on", "2020-04-01")
    assert r.returncode == 0, r.stderr
    assert "2 778 KZT" in r.stdout
    assert "in force from 2020-04-01" in r.stdout
    assert "IP-49.1" in r.stdout


def test_param_json() -> None:
    r = run("law", "param", "base_rate", "--on", "2023-09-01", "--json")
    assert json.loads(r.stdout)["value"] == "16.50"


def test_deadline_prints_due_date_and_the_holidays_skipped() -> None:
    r = run("law", "deadline", "--from", "2024-05-01", "--working-days", "5")
    assert r.returncode == 0, r.stderr
    assert "due: 2024-05-10 (Friday)" in r.stdout
    assert "transferred by decree" in r.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("law", "param", "nope", "--on", "2024-01-01"), "There is no parameter named 'nope'"),
        (("law", "param", "mci", "--on", "2010-01-01"), "no value before 2018-01-01"),
        (("law", "param", "mci", "--on", "01.01.2024"), "write it as YYYY-MM-DD"),
        (("law", "deadline", "--from", "2024-01-01", "--working-days", "-3"), "cannot be negative"),
        (("law", "deadline", "--from", "2024-01-01", "--working-days", "three"), "not a whole number"),
        (("law", "deadline", "--from", "2024-01-01", "--working-days", "٣٠"), "Latin digits"),
        (("law", "deadline", "--from", "2024-01-01", "--working-days", "700000"), "at most 2600 working days"),
        (("law", "deadline", "--from", "9999-12-31", "--calendar-days", "1"), "after 31 December 9999"),
        (("law", "provision", "IP-999"), "There is no provision"),
    ],
)
def test_bad_input_is_a_clear_error_without_traceback(args: tuple[str, ...], message: str) -> None:
    r = run(*args)
    assert r.returncode != 0
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_provision_on_a_date() -> None:
    r = run("law", "provision", "IP-51", "--on", "2026-02-01")
    assert "applies on 2026-02-01: no" in r.stdout


def test_the_command_line_speaks_the_language_asked_for() -> None:
    import os

    r = subprocess.run(
        [NISI, "law", "deadline", "--from", "2024-05-01", "--working-days", "5"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "NISI_LANGUAGE": "ru"},
    )
    assert "рабочих дней" in r.stdout
    assert "День защитника Отечества" in r.stdout


def test_models_and_migrations_agree() -> None:
    r = run("makemigrations", "--check", "--dry-run")
    assert r.returncode == 0, r.stdout + r.stderr
