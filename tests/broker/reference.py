"""Reference formulas in plain integer Python, written from the spec (not from the contracts).

Constant product: Uniswap V2 (fee in basis points, 30 = Uniswap's 0.3 %).
Constant sum: the energy-broker pallet: out = quote(in * (BPS - fee) / BPS), each step rounded
down; the exact-output inverse rounds each step up. ``rate`` is 1e18 fixed point, numeraire base
units per asset base unit.
"""

from gridset.broker.units import BPS, WAD


def cp_amount_out(amount_in: int, reserve_in: int, reserve_out: int, fee_bps: int) -> int:
    with_fee = amount_in * (BPS - fee_bps)
    return with_fee * reserve_out // (reserve_in * BPS + with_fee)


def cp_amount_in(amount_out: int, reserve_in: int, reserve_out: int, fee_bps: int) -> int:
    return reserve_in * amount_out * BPS // ((reserve_out - amount_out) * (BPS - fee_bps)) + 1


def cs_quote(amount: int, asset_in: bool, rate: int) -> int:
    return amount * rate // WAD if asset_in else amount * WAD // rate


def cs_amount_out(amount_in: int, asset_in: bool, rate: int, fee_bps: int) -> int:
    return cs_quote(amount_in * (BPS - fee_bps) // BPS, asset_in, rate)


def cs_amount_in(amount_out: int, asset_in: bool, rate: int, fee_bps: int) -> int:
    net = -(-amount_out * WAD // rate) if asset_in else -(-amount_out * rate // WAD)
    return -(-net * BPS // (BPS - fee_bps))
