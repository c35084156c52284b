import pytest
from hypothesis import given
from hypothesis import strategies as st

from nisi.core import identifiers


@pytest.mark.parametrize(("number", "kind"), [("100140000003", "BIN"), ("061211600012", "IIN")])
def test_valid_examples(number: str, kind: str) -> None:
    assert identifiers.validate(number) == number
    assert identifiers.kind_of(number) == kind


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("100140000004", "does not match its check digit"),
        ("10014000000", "exactly 12 digits"),
        ("1001400000031", "exactly 12 digits"),
        ("10014000000A", "exactly 12 digits"),
        ("", "exactly 12 digits"),
    ],
)
def test_invalid_numbers_say_what_is_wrong(number: str, message: str) -> None:
    with pytest.raises(identifiers.InvalidIdentifier, match=message):
        identifiers.validate(number)


def test_a_number_whose_second_pass_gives_10_is_never_issued() -> None:
    # Find 11 digits for which both weighted sums give 10: no check digit fits them.
    for n in range(10**6):
        first11 = f"{n:011d}"
        if identifiers.check_digit(first11) is None:
            break
    else:  # pragma: no cover
        pytest.fail("no prefix with both passes giving 10 in the range searched")
    digits = [int(c) for c in first11]
    assert sum(d * w for d, w in zip(digits, identifiers.FIRST_WEIGHTS, strict=True)) % 11 == 10
    assert sum(d * w for d, w in zip(digits, identifiers.SECOND_WEIGHTS, strict=True)) % 11 == 10
    for last in range(10):
        with pytest.raises(identifiers.InvalidIdentifier, match="cannot exist"):
            identifiers.validate(first11 + str(last))


def test_second_pass_decides_when_the_first_gives_10() -> None:
    for n in range(10**6):
        first11 = f"{n:011d}"
        digits = [int(c) for c in first11]
        if sum(d * w for d, w in zip(digits, identifiers.FIRST_WEIGHTS, strict=True)) % 11 == 10:
            second = sum(d * w for d, w in zip(digits, identifiers.SECOND_WEIGHTS, strict=True)) % 11
            if second != 10:
                assert identifiers.check_digit(first11) == second
                return
    pytest.fail("no prefix needing the second pass found")  # pragma: no cover


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_exactly_one_last_digit_completes_a_valid_number(first11: str) -> None:
    valid = [d for d in "0123456789" if identifiers.is_valid(first11 + d)]
    assert len(valid) == (0 if identifiers.check_digit(first11) is None else 1)


@pytest.mark.parametrize(
    "number",
    [
        "100140000003".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),  # Arabic-Indic
        "100140000003".translate(str.maketrans("0123456789", "０１２３４５６７８９")),  # fullwidth
        "10014000000" + "３",  # one fullwidth digit among Latin ones
    ],
)
def test_a_number_in_other_scripts_digits_is_refused_not_converted(number: str, english: None) -> None:
    with pytest.raises(identifiers.InvalidIdentifier, match="Latin digits"):
        identifiers.validate(number)
    assert not identifiers.is_valid(number)
    assert not identifiers.is_latin_digits(number)


def test_no_code_reads_digits_through_isdigit_or_a_unicode_digit_class() -> None:
    """str.isdigit()/isdecimal()/isnumeric() and the regular expression class \\d take the digits of every script;
    a BIN, a KATO or an HS code is the Latin digits 0-9 only (identifiers.is_latin_digits, or [0-9])."""
    import re
    from pathlib import Path

    import nisi

    allowed = "not is_latin_digits("  # identifiers.validate tells other scripts' digits apart, on purpose
    found = []
    for path in Path(nisi.__file__).parent.rglob("*.py"):
        if "migrations" in path.parts:  # history, as it was
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"\.is(?:digit|decimal|numeric)\(|\\d", line) and allowed not in line:
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize(
    "typed",
    ["100140000004", "12345", "１９０５４０００００１２", "00000000003A"],
)
def test_a_refused_number_is_named_in_the_message(typed: str) -> None:
    with pytest.raises(identifiers.InvalidIdentifier) as refused:
        identifiers.validate(typed)
    assert typed in str(refused.value)
