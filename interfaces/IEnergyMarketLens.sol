// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IEnergyMarketLens — read-only views of one EnergyMarket's order book
/// @notice Depth, best prices and open orders of an EnergyMarket, computed from its storage words
/// (`IEnergyMarket.extsload`, as Uniswap v4's StateLibrary reads the PoolManager). They live here,
/// not in the market, so that the market's bytecode stays under EIP-170. Prices in payment-token
/// base units per kWh, quantities in Wh, slots in Unix s (slot start).
interface IEnergyMarketLens {
    /// @notice A slot's price grid (base units per kWh) and its book depth per active price level
    /// (ascending prices; bid and ask quantities in Wh resting at each level).
    /// @param priceFloor Lowest grid price, payment-token base units per kWh.
    /// @param tickSize Price step, payment-token base units per kWh.
    /// @param priceCeiling priceFloor + MAX_TICK * tickSize, payment-token base units per kWh.
    /// @param collateralPerKWh Seller collateral, stake-token base units per kWh.
    /// @param prices Active price levels ascending, payment-token base units per kWh.
    /// @param bidDepth Wh bid at each price.
    /// @param askDepth Wh offered at each price.
    struct PriceGrid {
        uint256 priceFloor;
        uint256 tickSize;
        uint256 priceCeiling;
        uint256 collateralPerKWh;
        uint256[] prices;
        uint256[] bidDepth;
        uint256[] askDepth;
    }

    /// @notice The EnergyMarket this lens reads.
    /// @return Market address (fixed at deployment).
    function market() external view returns (address);

    /// @notice Highest bid price in the slot and the quantity bid at it; (0, 0) if none.
    /// @param slot Slot start, Unix s.
    /// @return price Payment-token base units per kWh.
    /// @return quantity Wh resting at that price.
    function getBestBid(uint256 slot) external view returns (uint256 price, uint256 quantity);

    /// @notice Lowest ask price in the slot and the quantity offered at it; (0, 0) if none.
    /// @param slot Slot start, Unix s.
    /// @return price Payment-token base units per kWh.
    /// @return quantity Wh resting at that price.
    function getBestAsk(uint256 slot) external view returns (uint256 price, uint256 quantity);

    /// @notice The slot's price grid (fixed when its auction opened; zeros before) and its depth per
    /// active price level.
    /// @param slot Slot start, Unix s.
    /// @return grid The grid and depth (see `PriceGrid`).
    function getPriceGrid(uint256 slot) external view returns (PriceGrid memory);

    /// @notice Aggregated book: the active price levels ascending with their bid and ask quantities.
    /// @param slot Slot start, Unix s.
    /// @return prices Active price levels ascending, payment-token base units per kWh.
    /// @return bidQuantities Wh bid at each price (same length as `prices`).
    /// @return askQuantities Wh offered at each price (same length as `prices`).
    function getOrderBook(uint256 slot)
        external
        view
        returns (uint256[] memory prices, uint256[] memory bidQuantities, uint256[] memory askQuantities);

    /// @notice Ids of `trader`'s orders in `slot` that are neither cancelled nor claimed, in the
    /// order they were placed.
    /// @param slot Slot start, Unix s.
    /// @param trader The trader.
    /// @return orderIds Order ids (`slot << 32 | sequence`), empty if none.
    function getOpenOrders(uint256 slot, address trader) external view returns (uint256[] memory);

    /// @notice How many orders `trader` has placed in `slot` (cancelled and claimed included):
    /// the index its next order there takes, which a relayed order must sign (IOrderRelay).
    /// @param slot Slot start, Unix s.
    /// @param trader The trader.
    /// @return count Orders placed, 0 if none.
    function getOrderCount(uint256 slot, address trader) external view returns (uint256 count);
}
