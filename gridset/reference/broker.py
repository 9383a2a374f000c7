"""The broker pool's formulas in plain integer Python, from the spec (not from the contracts).

Constant product: Uniswap V2 (fee in basis points, 30 = Uniswap's 0.3 %).
Constant sum: the energy-broker pallet: out = quote(in * (BPS - fee) / BPS), each step rounded
down; the exact-output inverse rounds each step up. ``rate`` is 1e18 fixed point, numeraire base
units per asset base unit.
"""

from gridset.broker.units import BPS, WAD


def cp_amount_out(amount_in: int, reserve_in: int, reserve_out: int, fee_bps: int) -> int:
    """Constant product: output (base units) for ``amount_in``, rounded down (Uniswap V2's
    ``getAmountOut``)."""
    with_fee = amount_in * (BPS - fee_bps)
    return with_fee * reserve_out // (reserve_in * BPS + with_fee)


def cp_amount_in(amount_out: int, reserve_in: int, reserve_out: int, fee_bps: int) -> int:
    """Constant product: input (base units) needed for ``amount_out``, rounded up (Uniswap V2's
    ``getAmountIn``)."""
    return reserve_in * amount_out * BPS // ((reserve_out - amount_out) * (BPS - fee_bps)) + 1


def cs_quote(amount: int, asset_in: bool, rate: int) -> int:
    """Constant sum: ``amount`` of the asset (``asset_in``) in numeraire, or of the numeraire in
    the asset, at ``rate`` (1e18 fixed point), rounded down."""
    return amount * rate // WAD if asset_in else amount * WAD // rate


def cs_amount_out(amount_in: int, asset_in: bool, rate: int, fee_bps: int) -> int:
    """Constant sum: output for ``amount_in`` after the fee, each step rounded down."""
    return cs_quote(amount_in * (BPS - fee_bps) // BPS, asset_in, rate)


def cs_amount_in(amount_out: int, asset_in: bool, rate: int, fee_bps: int) -> int:
    """Constant sum: input needed for ``amount_out`` before the fee, each step rounded up."""
    net = -(-amount_out * WAD // rate) if asset_in else -(-amount_out * rate // WAD)
    return -(-net * BPS // (BPS - fee_bps))
