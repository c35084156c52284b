"""Messages are rendered in the reader's language, with dates and amounts written as that language writes them."""

from django.utils import translation

from nisi.core import messages


def test_dates_and_amounts_are_written_for_the_reader() -> None:
    params = {"title": "Fee", "due_on": "2026-11-16", "provision": "AH-10.1.4-2"}
    with translation.override("en"):
        assert messages.render("deadline.overdue", params)[1] == (
            "Fee was due on 16.11.2026 (AH-10.1.4-2) and is now overdue."
        )
    assert messages._for_reader("30000000.00") != "30000000.00"
    with translation.override("en"):
        assert messages._for_reader("30000000.00") == "30,000,000.00"
    with translation.override("ru"):
        assert messages._for_reader("30000000.00").replace("\xa0", " ") == "30 000 000,00"
    # Other values are left as they are: a period, a BIN, a number without two decimals.
    assert [messages._for_reader(v) for v in ("2026-11", "230140000317", "87", 5)] == [
        "2026-11",
        "230140000317",
        "87",
        5,
    ]
