"""Money is Decimal tenge with two places (DESIGN 8). Never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

TIYN = Decimal("0.01")


def tenge(value: Decimal | int | str) -> Decimal:
    """An amount in tenge rounded half up to the tiyn. Refuses float: its binary error is not money."""
    if isinstance(value, float):
        raise TypeError("money is never a float; pass a Decimal, an int or a string")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount of money: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount of money: {value!r}")
    return amount.quantize(TIYN, rounding=ROUND_HALF_UP)


def share_of(amount: Decimal, share: Decimal) -> Decimal:
    """`share` (a fraction, 0.05 for 5 %) of an amount, in tenge."""
    return tenge(Decimal(amount) * Decimal(share))


def mci_multiple(multiple: int | Decimal, mci_value: Decimal | int) -> Decimal:
    """An amount set in multiples of the monthly calculation index (e.g. 500,000 MCI, IP-49.1)."""
    return tenge(Decimal(multiple) * Decimal(mci_value))
