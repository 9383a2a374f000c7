// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IOrderRelay — households sign EnergyMarket orders (EIP-712), a licensed relayer places
/// them in batches
/// @notice The trader signs `Order(address trader,uint256 slot,bool isBid,uint256 price,uint256
/// quantity,uint256 index,uint256 deadline)` in this relay's EIP-712 domain (name "GridSet
/// OrderRelay", version "1"); SignatureChecker accepts EOA signatures and ERC-1271 wallets.
/// Replay protection costs no storage of its own: `index` is the trader's order index within the
/// slot (its 0th, 1st, ... order there, whichever path placed it), and the market accepts the
/// order only while the trader's order count in the slot equals `index`. A replayed signature,
/// one relayed out of order or one whose index another order took, is skipped. Funding: a bid's
/// escrow (`quantity * price / 1000` base units, rounded up) comes from the trader's internal
/// balance in the market first (settlement refunds and proceeds; no token transfer), the rest is
/// pulled from the trader's payment-token allowance to the market, which the entry's optional
/// EIP-2612 permit (spender: the market; only needed for that rest) sets first; an ask encumbers
/// the trader's free stake as `placeAsk` does. Entries that cannot be placed are skipped with
/// `OrderSkipped` (the internal balance then unchanged) and never stop the batch.
interface IOrderRelay {
    /// @notice An EIP-2612 permit of the payment token, owner the trader, spender the market;
    /// `value` 0 means none.
    struct Permit {
        uint256 value; // payment-token base units
        uint256 deadline; // Unix s
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice One signed order as relayed.
    struct SignedOrder {
        address trader;
        uint256 slot; // slot start, Unix s
        bool isBid;
        uint256 price; // payment-token base units per kWh, on the slot's tick grid
        uint256 quantity; // Wh
        uint256 index; // the trader's order index within the slot
        uint256 deadline; // Unix s; the order is skipped after it
        Permit permit;
        bytes signature; // EIP-712 signature of the trader (65 bytes) or ERC-1271 data
    }

    /// @notice The caller holds no Application Host licence (GridStaking).
    error OrderRelayNotLicensed(address caller);
    /// @notice The market reverted without an error while placing `trader`'s entry: only running
    /// out of gas does that, so the relayer should retry with more gas.
    error OrderRelayPlacementFailed(address trader);
    /// @notice A batch with no entry or more than `maxSize`.
    error OrderRelayInvalidBatchSize(uint256 size, uint256 maxSize);
    /// @notice A constructor argument is invalid (zero); `name` says which.
    error OrderRelayInvalidParameter(bytes32 name);
    // Skip reasons: never reverted with, named by their selector in OrderSkipped.
    /// @notice Skip reason: the order's deadline passed.
    error OrderRelayOrderExpired();
    /// @notice Skip reason: the signature is not the trader's over this order.
    error OrderRelayInvalidSignature();
    /// @notice Skip reason: the permit failed and the market's allowance is below its value.
    error OrderRelayPermitFailed();

    /// @notice GridStaking whose licences admit relayers changed (0: anyone may relay).
    event GridStakingUpdated(address staking);
    /// @notice An entry was not placed; `reason` is the selector of the named error (this relay's
    /// skip reasons, the market's errors, the token's or the vault's).
    /// @param trader The entry's trader.
    /// @param slot Slot start, Unix s.
    /// @param index The entry's order index.
    /// @param reason Selector of the custom error that describes why.
    event OrderSkipped(address indexed trader, uint256 indexed slot, uint256 index, bytes4 reason);

    /// @notice Place a batch of signed orders (caller: an Application Host licence holder). Each
    /// entry is checked (deadline, signature), its permit executed, then placed through the
    /// market's `placeOrderFor` (OrderPlaced); an entry that fails any step is skipped
    /// (OrderSkipped) and the rest go ahead.
    /// @param orders 1 .. MAX_BATCH_SIZE entries.
    /// @return placed How many entries were placed.
    /// @dev Reverts OrderRelayNotLicensed, OrderRelayInvalidBatchSize, OrderRelayPlacementFailed
    /// (the market ran out of the relayer's gas).
    function placeOrders(SignedOrder[] calldata orders) external returns (uint256 placed);

    /// @notice GridStaking whose licence a relayer needs; 0 admits anyone (DEFAULT_ADMIN_ROLE).
    /// @param staking The GridStaking, or 0.
    function setGridStaking(address staking) external;

    /// @notice The EIP-712 digest the trader signs for `order` (its permit and signature ignored).
    /// @param order The order.
    /// @return The typed-data hash.
    function orderDigest(SignedOrder calldata order) external view returns (bytes32);

    /// @notice The market orders are placed on.
    function market() external view returns (address);

    /// @notice The GridStaking whose licence a relayer needs (0: none).
    function gridStaking() external view returns (address);
}
