// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ILegHubRegistry} from "../../interfaces/ILegHubRegistry.sol";
import {ILegMarketplace} from "../../interfaces/ILegMarketplace.sol";

/// @title LegHubAgent — test helper: a contract hub that registers and posts one compute offer
contract LegHubAgent {
    constructor(ILegHubRegistry registry, ILegMarketplace market, uint256 amountWh, uint256 price) {
        uint64[3] memory capacity = [uint64(amountWh), 0, 0];
        registry.registerHub(bytes32("zone-1"), capacity);
        market.postOffer(0, amountWh, price);
    }
}

/// @title LegOfferFiller — test helper: fills the book with many resting offers, one hub each
/// @notice Used by the gas benchmark to show that matching costs the same with 1, 100 and 1,000
/// resting offers. Prices cycle over `spread` ticks starting at `firstPrice`.
contract LegOfferFiller {
    /// @notice Deploy `count` hubs, hub i offering `amountWh` at firstPrice + (i % spread) * step.
    function fill(
        ILegHubRegistry registry,
        ILegMarketplace market,
        uint256 count,
        uint256 amountWh,
        uint256 firstPrice,
        uint256 step,
        uint256 spread
    ) external {
        for (uint256 i; i < count; ++i) {
            new LegHubAgent(registry, market, amountWh, firstPrice + (i % spread) * step);
        }
    }
}
