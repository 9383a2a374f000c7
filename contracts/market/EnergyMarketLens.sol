// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IEnergyMarket} from "../../interfaces/IEnergyMarket.sol";
import {IEnergyMarketLens} from "../../interfaces/IEnergyMarketLens.sol";
import {UniformPriceAuction} from "../libraries/UniformPriceAuction.sol";

/// @title EnergyMarketLens — the order-book views of one EnergyMarket, read from its storage
/// @notice See IEnergyMarketLens. The storage positions below are EnergyMarket's layout (solc's
/// `storageLayout`: AccessControl, Pausable and ReentrancyGuard take slots 0-2); the lens tests
/// compare every view with the market's own events and getters, so a layout change that is not
/// mirrored here fails them.
contract EnergyMarketLens is IEnergyMarketLens {
    // EnergyMarket's storage slots (mapping roots) and the packing of the words read.
    uint256 private constant _GRIDS = 7; // slot => Grid {uint80 floor, uint80 tick, uint80 collateral}
    uint256 private constant _BID_TICKS = 9; // slot => 256-bit map of ticks with bids
    uint256 private constant _ASK_TICKS = 10; // slot => 256-bit map of ticks with asks
    uint256 private constant _LEVELS = 11; // slot => tick => Level {uint128 bidQty, uint128 askQty}
    uint256 private constant _ORDERS = 12; // id => {address trader, uint40, uint40, uint8 tick, uint8 flags}
    uint256 private constant _POSITIONS = 13; // slot => trader => {uint64, uint64, uint24 open, uint24 count, uint72 seqs}
    uint256 private constant _MORE_SEQS = 14; // slot => trader => word => ten uint24 sequences
    uint256 private constant _MAX_TICK = 255;
    uint256 private constant _ID_SHIFT = 32;
    uint256 private constant _INLINE_SEQS = 3;
    uint256 private constant _SEQS_PER_WORD = 10;
    uint256 private constant _ACTIVE = 2;

    IEnergyMarket private immutable _market;

    /// @param market_ The EnergyMarket to read.
    constructor(address market_) {
        _market = IEnergyMarket(market_);
    }

    /// @inheritdoc IEnergyMarketLens
    function market() external view returns (address) {
        return address(_market);
    }

    /// @inheritdoc IEnergyMarketLens
    function getBestBid(uint256 slot) external view returns (uint256 price, uint256 quantity) {
        (uint256 grid, uint256 bids,) = _slotWords(slot);
        if (bids == 0) return (0, 0);
        uint256 tick = UniformPriceAuction.highest(bids);
        return (_priceOf(grid, tick), uint128(_read(_levelKey(slot, tick))));
    }

    /// @inheritdoc IEnergyMarketLens
    function getBestAsk(uint256 slot) external view returns (uint256 price, uint256 quantity) {
        (uint256 grid,, uint256 asks) = _slotWords(slot);
        if (asks == 0) return (0, 0);
        uint256 tick = UniformPriceAuction.lowest(asks);
        return (_priceOf(grid, tick), _read(_levelKey(slot, tick)) >> 128);
    }

    /// @inheritdoc IEnergyMarketLens
    function getPriceGrid(uint256 slot) external view returns (PriceGrid memory grid) {
        uint256 word;
        (word, grid.prices, grid.bidDepth, grid.askDepth) = _depth(slot);
        grid.priceFloor = uint80(word);
        grid.tickSize = uint80(word >> 80);
        grid.collateralPerKWh = uint80(word >> 160);
        grid.priceCeiling = _priceOf(word, _MAX_TICK);
    }

    /// @inheritdoc IEnergyMarketLens
    function getOrderBook(uint256 slot)
        external
        view
        returns (uint256[] memory prices, uint256[] memory bidQuantities, uint256[] memory askQuantities)
    {
        (, prices, bidQuantities, askQuantities) = _depth(slot);
    }

    /// @inheritdoc IEnergyMarketLens
    function getOrderCount(uint256 slot, address trader) external view returns (uint256 count) {
        count = uint24(_read(_key(uint256(uint160(trader)), _key(slot, bytes32(_POSITIONS)))) >> 152);
    }

    /// @inheritdoc IEnergyMarketLens
    function getOpenOrders(uint256 slot, address trader) external view returns (uint256[] memory orderIds) {
        uint256 position = _read(_key(uint256(uint160(trader)), _key(slot, bytes32(_POSITIONS))));
        uint256 open = uint24(position >> 128);
        uint256 count = uint24(position >> 152);
        // Every order of the trader, then their words: sequences, then the orders' flags.
        bytes32[] memory keys = new bytes32[](count > _INLINE_SEQS ? (count - _INLINE_SEQS + 9) / _SEQS_PER_WORD : 0);
        bytes32 root = _key(uint256(uint160(trader)), _key(slot, bytes32(_MORE_SEQS)));
        for (uint256 w; w < keys.length; ++w) {
            keys[w] = _key(w, root);
        }
        bytes32[] memory words = keys.length == 0 ? keys : _market.extsload(keys);
        keys = new bytes32[](count);
        uint256[] memory ids = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 seq = i < _INLINE_SEQS
                ? position >> (176 + 24 * i)
                : uint256(words[(i - _INLINE_SEQS) / _SEQS_PER_WORD]) >> (24 * ((i - _INLINE_SEQS) % _SEQS_PER_WORD));
            ids[i] = (slot << _ID_SHIFT) | uint24(seq);
            keys[i] = _key(ids[i], bytes32(_ORDERS));
        }
        words = count == 0 ? keys : _market.extsload(keys);
        orderIds = new uint256[](open);
        uint256 found;
        for (uint256 i; found < open; ++i) {
            // flags: the order word's top byte.
            if ((uint256(words[i]) >> 248) & _ACTIVE != 0) orderIds[found++] = ids[i];
        }
    }

    /// @dev The slot's grid word and its occupied levels ascending: prices, bid and ask Wh.
    function _depth(uint256 slot)
        private
        view
        returns (uint256 grid, uint256[] memory prices, uint256[] memory bids, uint256[] memory asks)
    {
        uint256 bidTicks;
        uint256 askTicks;
        (grid, bidTicks, askTicks) = _slotWords(slot);
        uint256[] memory ticks = UniformPriceAuction.ticks(bidTicks | askTicks);
        uint256 n = ticks.length;
        bytes32[] memory keys = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            keys[i] = _levelKey(slot, ticks[i]);
        }
        bytes32[] memory levels = n == 0 ? keys : _market.extsload(keys);
        prices = new uint256[](n);
        bids = new uint256[](n);
        asks = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            prices[i] = _priceOf(grid, ticks[i]);
            bids[i] = uint128(uint256(levels[i]));
            asks[i] = uint256(levels[i]) >> 128;
        }
    }

    /// @dev The slot's grid word and its bid and ask tick maps, in one call.
    function _slotWords(uint256 slot) private view returns (uint256 grid, uint256 bids, uint256 asks) {
        bytes32[] memory keys = new bytes32[](3);
        keys[0] = _key(slot, bytes32(_GRIDS));
        keys[1] = _key(slot, bytes32(_BID_TICKS));
        keys[2] = _key(slot, bytes32(_ASK_TICKS));
        bytes32[] memory words = _market.extsload(keys);
        return (uint256(words[0]), uint256(words[1]), uint256(words[2]));
    }

    function _read(bytes32 key) private view returns (uint256) {
        bytes32[] memory keys = new bytes32[](1);
        keys[0] = key;
        return uint256(_market.extsload(keys)[0]);
    }

    function _levelKey(uint256 slot, uint256 tick) private pure returns (bytes32) {
        return _key(tick, _key(slot, bytes32(_LEVELS)));
    }

    /// @dev Storage position of `mapping[key]` for a mapping rooted at `root` (Solidity's layout).
    function _key(uint256 key, bytes32 root) private pure returns (bytes32) {
        return keccak256(abi.encode(key, root));
    }

    function _priceOf(uint256 grid, uint256 tick) private pure returns (uint256) {
        return uint256(uint80(grid)) + tick * uint80(grid >> 80);
    }
}
