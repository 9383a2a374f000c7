"""Quote, swap, add and remove liquidity through the EnergyBrokerRouter.

Used by ``scripts/broker.py`` and by the simulation. Amounts are token base units; slippage is
in basis points of the quoted amount; deadlines are seconds from the pending block's timestamp.
Results are read from the pools' events (``SwapExecuted``, ``LiquidityAdded``,
``LiquidityRemoved``), which every provider returns, rather than from traced return values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ape import chain, project
from ape.api import AccountAPI, ReceiptAPI
from ape.contracts import ContractInstance
from ethpm_types import ContractType

from gridset.broker.units import BPS, Formula

#: Default slippage tolerance, basis points (0.5 %).
DEFAULT_SLIPPAGE_BPS = 50
#: Default validity of a transaction, seconds.
DEFAULT_DEADLINE_S = 600

_ERC20_ABI: list[dict[str, Any]] = [
    {
        "type": "function",
        "name": name,
        "stateMutability": mutability,
        "inputs": [{"name": f"arg{i}", "type": t} for i, t in enumerate(inputs)],
        "outputs": [{"name": "", "type": output}],
    }
    for name, mutability, inputs, output in (
        ("approve", "nonpayable", ("address", "uint256"), "bool"),
        ("allowance", "view", ("address", "address"), "uint256"),
        ("balanceOf", "view", ("address",), "uint256"),
        ("decimals", "view", (), "uint8"),
        ("symbol", "view", (), "string"),
    )
]
_ERC20_TYPE = ContractType.model_validate({"contractName": "ERC20", "abi": _ERC20_ABI})


@dataclass(frozen=True)
class TxOptions:
    """How a trade is sent: slippage tolerance (basis points of the quote), validity (seconds from
    the pending block) and recipient (None: the sending account)."""

    slippage_bps: int = DEFAULT_SLIPPAGE_BPS
    deadline_s: int = DEFAULT_DEADLINE_S
    to: Any = None


DEFAULT_OPTIONS = TxOptions()


@dataclass(frozen=True)
class SwapResult:
    """A swap along a path: what went in, what came out (base units), and the receipt."""

    amount_in: int
    amount_out: int
    receipt: ReceiptAPI


@dataclass(frozen=True)
class LiquidityResult:
    """A deposit or withdrawal: token amounts in path order, LP tokens minted or burned."""

    amount_a: int
    amount_b: int
    liquidity: int
    receipt: ReceiptAPI


@dataclass(frozen=True)
class PoolState:
    """A pool seen from one side: reserves in (token_a, token_b) order, fees in basis points."""

    pool: str
    formula: Formula
    reserve_a: int
    reserve_b: int
    lp_fee_bps: int
    withdrawal_fee_bps: int
    total_supply: int
    paused: bool


def erc20(address: Any) -> ContractInstance:
    """Return an ERC-20 instance (approve, allowance, balanceOf, decimals, symbol)."""
    return chain.contracts.instance_at(str(getattr(address, "address", address)), _ERC20_TYPE)


def resolve_address(name_or_address: str, contracts: Mapping[str, str]) -> str:
    """Return ``name_or_address`` if it is a 0x address, else the address-book entry of that
    contract name (case-insensitive, e.g. ``EnergyToken``).

    Raises:
        KeyError: neither an address nor a name in ``contracts``.
    """
    if name_or_address.startswith("0x") and len(name_or_address) == 42:
        return name_or_address
    by_name = {name.lower(): address for name, address in contracts.items()}
    try:
        return by_name[name_or_address.lower()]
    except KeyError:
        known = ", ".join(sorted(contracts))
        raise KeyError(f"{name_or_address!r} is neither an address nor one of: {known}") from None


def to_base_units(amount: str | Decimal, decimals: int) -> int:
    """Convert a decimal token amount (e.g. ``"1.5"``) to base units.

    Raises:
        ValueError: the amount is negative or has more fractional digits than ``decimals``.
    """
    value = Decimal(amount) * (Decimal(10) ** decimals)
    if value < 0 or value != value.to_integral_value():
        raise ValueError(f"{amount} is not a non-negative amount with {decimals} decimals")
    return int(value)


def from_base_units(amount: int, decimals: int) -> Decimal:
    """Convert base units to a decimal token amount."""
    return Decimal(amount) / (Decimal(10) ** decimals)


def deadline_in(seconds: int = DEFAULT_DEADLINE_S) -> int:
    """Return the Unix time ``seconds`` after the pending block's timestamp."""
    return chain.pending_timestamp + seconds


def min_with_slippage(amount: int, slippage_bps: int) -> int:
    """Return ``amount`` less ``slippage_bps`` basis points, rounded down.

    Raises:
        ValueError: ``slippage_bps`` is outside 0..10_000.
    """
    _check_slippage(slippage_bps)
    return amount * (BPS - slippage_bps) // BPS


def max_with_slippage(amount: int, slippage_bps: int) -> int:
    """Return ``amount`` plus ``slippage_bps`` basis points, rounded up.

    Raises:
        ValueError: ``slippage_bps`` is outside 0..10_000.
    """
    _check_slippage(slippage_bps)
    return -(-amount * (BPS + slippage_bps) // BPS)


def quote_exact_in(router: ContractInstance, amount_in: int, path: Sequence[Any]) -> list[int]:
    """Return the amounts along ``path`` for an exact input (fees included).

    Raises:
        ape.exceptions.ContractLogicError: the router's errors (missing pool, invalid path,
            insufficient liquidity).
    """
    return [int(a) for a in router.getAmountsOut(amount_in, list(path))]


def quote_exact_out(router: ContractInstance, amount_out: int, path: Sequence[Any]) -> list[int]:
    """Return the amounts along ``path`` for an exact output (fees included, input rounded up).

    Raises:
        ape.exceptions.ContractLogicError: the router's errors (missing pool, invalid path,
            ``EnergyBrokerAmountOutTooHigh``).
    """
    return [int(a) for a in router.getAmountsIn(amount_out, list(path))]


def pool_state(router: ContractInstance, token_a: Any, token_b: Any) -> PoolState:
    """Return the state of the pool of ``token_a``/``token_b``.

    Raises:
        ape.exceptions.ContractLogicError: ``EnergyBrokerPoolNotFound``.
    """
    reserve_a, reserve_b = router.getReserves(token_a, token_b)
    pool = project.EnergyBrokerPool.at(router.poolFor(token_a, token_b))
    return PoolState(
        pool=str(pool.address),
        formula=Formula(pool.formula()),
        reserve_a=int(reserve_a),
        reserve_b=int(reserve_b),
        lp_fee_bps=int(pool.lpFeeBps()),
        withdrawal_fee_bps=int(pool.withdrawalFeeBps()),
        total_supply=int(pool.totalSupply()),
        paused=bool(pool.paused()),
    )


def ensure_allowance(token: Any, owner: AccountAPI, spender: Any, amount: int) -> None:
    """Approve ``spender`` for ``amount`` of ``token`` from ``owner`` unless already allowed."""
    contract = erc20(token)
    if contract.allowance(owner, spender) < amount:
        contract.approve(spender, amount, sender=owner)


def swap_exact_in(
    router: ContractInstance,
    account: AccountAPI,
    amount_in: int,
    path: Sequence[Any],
    options: TxOptions = DEFAULT_OPTIONS,
) -> SwapResult:
    """Swap exactly ``amount_in`` of ``path[0]``, accepting down to the quote less slippage.

    Raises:
        ape.exceptions.ContractLogicError: the router's and pools' errors, e.g.
            ``EnergyBrokerProvidedMinimumNotSufficientForSwap`` if the price moved.
    """
    quoted = quote_exact_in(router, amount_in, path)[-1]
    ensure_allowance(path[0], account, router, amount_in)
    receipt = router.swapExactTokensForTokens(
        amount_in,
        min_with_slippage(quoted, options.slippage_bps),
        list(path),
        options.to or account,
        deadline_in(options.deadline_s),
        sender=account,
    )
    return _swap_result(receipt)


def swap_exact_out(
    router: ContractInstance,
    account: AccountAPI,
    amount_out: int,
    path: Sequence[Any],
    options: TxOptions = DEFAULT_OPTIONS,
) -> SwapResult:
    """Swap for exactly ``amount_out`` of ``path[-1]``, paying up to the quote plus slippage.

    Raises:
        ape.exceptions.ContractLogicError: the router's and pools' errors, e.g.
            ``EnergyBrokerProvidedMaximumNotSufficientForSwap`` if the price moved.
    """
    quoted = quote_exact_out(router, amount_out, path)[0]
    amount_in_max = max_with_slippage(quoted, options.slippage_bps)
    ensure_allowance(path[0], account, router, amount_in_max)
    receipt = router.swapTokensForExactTokens(
        amount_out,
        amount_in_max,
        list(path),
        options.to or account,
        deadline_in(options.deadline_s),
        sender=account,
    )
    return _swap_result(receipt)


def expected_deposit(
    router: ContractInstance, token_a: Any, token_b: Any, amount_a: int, amount_b: int
) -> tuple[int, int]:
    """Return what ``addLiquidity`` would take for these desired amounts (the router's rule).

    Constant product: matched to the reserve ratio; constant sum: as given.

    Raises:
        ape.exceptions.ContractLogicError: ``EnergyBrokerPoolNotFound``.
    """
    state = pool_state(router, token_a, token_b)
    if state.formula == Formula.CONSTANT_SUM or state.reserve_a == 0:
        return amount_a, amount_b
    optimal_b = amount_a * state.reserve_b // state.reserve_a
    if optimal_b <= amount_b:
        return amount_a, optimal_b
    return amount_b * state.reserve_a // state.reserve_b, amount_b


def add_liquidity(
    router: ContractInstance,
    account: AccountAPI,
    token_a: Any,
    token_b: Any,
    amount_a: int,
    amount_b: int,
    options: TxOptions = DEFAULT_OPTIONS,
) -> LiquidityResult:
    """Deposit up to ``amount_a``/``amount_b``; minimums are the expected deposit less slippage.

    Raises:
        ape.exceptions.ContractLogicError: the router's and pool's errors, e.g.
            ``EnergyBrokerDepositDidNotMeetMinimum`` if the ratio moved.
    """
    expected_a, expected_b = expected_deposit(router, token_a, token_b, amount_a, amount_b)
    ensure_allowance(token_a, account, router, amount_a)
    ensure_allowance(token_b, account, router, amount_b)
    return _send_liquidity_change(
        router.addLiquidity,
        project.EnergyBrokerPool.LiquidityAdded,
        (token_a, token_b, amount_a, amount_b),
        (expected_a, expected_b),
        account,
        options,
    )


def remove_liquidity(
    router: ContractInstance,
    account: AccountAPI,
    token_a: Any,
    token_b: Any,
    liquidity: int,
    options: TxOptions = DEFAULT_OPTIONS,
) -> LiquidityResult:
    """Burn ``liquidity`` LP tokens; minimums are the pro-rata share less fee and slippage.

    Raises:
        ape.exceptions.ContractLogicError: the router's and pool's errors, e.g.
            ``EnergyBrokerWithdrawalDidNotMeetMinimum`` if reserves moved.
    """
    state = pool_state(router, token_a, token_b)
    redeemed = liquidity - -(-liquidity * state.withdrawal_fee_bps // BPS)
    expected_a = redeemed * state.reserve_a // state.total_supply
    expected_b = redeemed * state.reserve_b // state.total_supply
    ensure_allowance(state.pool, account, router, liquidity)
    return _send_liquidity_change(
        router.removeLiquidity,
        project.EnergyBrokerPool.LiquidityRemoved,
        (token_a, token_b, liquidity),
        (expected_a, expected_b),
        account,
        options,
    )


def _swap_result(receipt: ReceiptAPI) -> SwapResult:
    swaps = list(receipt.decode_logs(project.EnergyBrokerPool.SwapExecuted))
    return SwapResult(swaps[0].amountIn, swaps[-1].amountOut, receipt)


def _send_liquidity_change(
    method: Any,
    event: Any,
    leading_args: tuple,
    expected: tuple[int, int],
    account: AccountAPI,
    options: TxOptions,
) -> LiquidityResult:
    """Call ``addLiquidity``/``removeLiquidity`` with slippage minimums and read the pool's
    ``LiquidityAdded``/``LiquidityRemoved`` event back in (token_a, token_b) order."""
    receipt = method(
        *leading_args,
        min_with_slippage(expected[0], options.slippage_bps),
        min_with_slippage(expected[1], options.slippage_bps),
        options.to or account,
        deadline_in(options.deadline_s),
        sender=account,
    )
    (log,) = receipt.decode_logs(event)
    token_a, token_b = leading_args[:2]
    a_first = int(_address(token_a), 16) < int(_address(token_b), 16)
    amounts = (log.amount0, log.amount1) if a_first else (log.amount1, log.amount0)
    return LiquidityResult(amounts[0], amounts[1], log.liquidity, receipt)


def _address(token: Any) -> str:
    return str(getattr(token, "address", token))


def _check_slippage(slippage_bps: int) -> None:
    if not 0 <= slippage_bps <= BPS:
        raise ValueError(f"slippage must be 0..{BPS} bps, got {slippage_bps}")
