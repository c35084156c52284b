import datetime as dt
import json

import pytest

from nisi.law import enactments, params, provisions
from nisi.law.provisions_parser import effect_date

D = dt.date


@pytest.mark.parametrize(
    ("law", "days", "first_day"),
    [
        ("188-VIII", 10, D(2025, 5, 31)),  # published 20.05.2025: ten days run 21 … 30 May
        ("188-VIII", 60, D(2025, 7, 20)),
        ("220-VIII", 10, D(2025, 10, 12)),
        ("86-VII", 10, D(2022, 1, 9)),
    ],
)
def test_a_provision_applies_from_the_day_after_its_days_have_run(law: str, days: int, first_day: dt.date) -> None:
    assert enactments.in_force_from(law, days) == first_day


def test_one_publication_date_per_law_drives_every_parameter_dated_from_it() -> None:
    """Every value a parameter file dates from Law 188-VIII starts on a day derived from its one publication date:
    the register's parameters on the day its articles apply, IP-68's on the day the amended IP-68 applies."""
    register = enactments.in_force_from("188-VIII", 60)
    assert params.history("register_monitoring_interval")[0].effective_from == register
    assert params.history("register_appeal_term")[0].effective_from == register
    assert params.history("ct_kz_certificates_valid_until")[0].effective_from == enactments.in_force_from(
        "188-VIII", 10
    )
    assert provisions.get("IP-51-1").in_force_from == register


def test_a_date_derived_from_an_unconfirmed_publication_is_unconfirmed() -> None:
    assert enactments.get("188-VIII").unconfirmed
    assert params.value_on("register_monitoring_interval", D(2026, 1, 1)).unconfirmed


def test_an_unknown_law_says_where_to_record_it() -> None:
    with pytest.raises(enactments.UnknownLaw, match=r"enactments\.yaml"):
        enactments.resolve("999-IX+10", "here")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "13) excluded by Law of the Republic of Kazakhstan № 188-VIII of 19.05.2025 (shall be enacted on 01.01.2026);",
            D(2026, 1, 1),
        ),
        (
            "4. Excluded from 27.09.2025 № 220-VIII (effective ten calendar days after the date of its first official publication).",
            D(2025, 10, 12),
        ),
        (
            "Footnote. Chapter 3 has been supplemented with Article 51-1 under Law № 188-VIII of 19.05.2025 (shall enter into force upon expiry of sixty calendar days after the date of its first official publication).",
            D(2025, 7, 20),
        ),
        ("Footnote. Article 9 as amended (see Art. 3 for the procedure of implementation).", None),
    ],
)
def test_the_footnotes_give_the_day_a_change_took_effect(text: str, expected: dt.date | None) -> None:
    assert effect_date(text) == expected


def test_the_catalogue_is_what_the_texts_and_the_recorded_dates_give() -> None:
    """provisions.json is rebuilt from shared/law/ with the recorded publication dates: a changed date is not left
    stale in the catalogue."""
    from pathlib import Path

    import yaml

    from nisi.law.management.commands.law import LAW_FILES
    from nisi.law.provisions_parser import apply_windows, parse_law

    root = Path(__file__).resolve().parents[2]
    found = [p for p in (root.parent / "shared" / "law", root.parent.parent / "shared" / "law") if p.is_dir()]
    if not found:
        pytest.skip("the law texts (shared/law/) are not next to the project")
    source = found[0]
    entries = []
    for filename, law in LAW_FILES.items():
        entries.extend(parse_law((source / filename).read_text(encoding="utf-8"), law))
    windows = provisions.DATA_FILE.parent / "provision_windows.yaml"
    apply_windows(entries, yaml.safe_load(windows.read_text(encoding="utf-8")))
    stored = json.loads(provisions.DATA_FILE.read_text(encoding="utf-8"))["provisions"]
    assert [e.as_dict() for e in entries] == stored
