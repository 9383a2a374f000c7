// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title RoleGatedParameters — test-only stand-in for a governed GridSet contract
/// @notice The admin shape every GridSet contract shares: a parameter set by DEFAULT_ADMIN_ROLE,
/// a pause a guardian (PAUSER_ROLE) may pull, an unpause only the admin (governance) may do, and
/// a governance action behind a named role (ARBITER_ROLE). Used to test the timelock hand-over
/// and proposals with real effects.
contract RoleGatedParameters is AccessControl, Pausable {
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");

    /// @notice Largest fee accepted, payment-token base units per kWh.
    uint256 public constant MAX_FEE = 1e18;

    uint256 private _fee;
    mapping(uint256 disputeId => bool upheld) private _rulings;

    error RoleGatedParametersFeeTooHigh(uint256 fee, uint256 maxFee);

    event FeeUpdated(uint256 oldFee, uint256 newFee);
    event DisputeResolved(uint256 indexed disputeId, bool upheld);

    /// @param admin Initial holder of every role (the deployer, until the hand-over).
    /// @param initialFee Payment-token base units per kWh.
    constructor(address admin, uint256 initialFee) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(ARBITER_ROLE, admin);
        _fee = initialFee;
    }

    /// @notice Set the fee, payment-token base units per kWh (DEFAULT_ADMIN_ROLE, not paused).
    function setFee(uint256 newFee) external onlyRole(DEFAULT_ADMIN_ROLE) whenNotPaused {
        if (newFee > MAX_FEE) revert RoleGatedParametersFeeTooHigh(newFee, MAX_FEE);
        uint256 oldFee = _fee;
        _fee = newFee;
        emit FeeUpdated(oldFee, newFee);
    }

    /// @notice Record a ruling on dispute `disputeId` (ARBITER_ROLE).
    function resolveDispute(uint256 disputeId, bool upheld) external onlyRole(ARBITER_ROLE) {
        _rulings[disputeId] = upheld;
        emit DisputeResolved(disputeId, upheld);
    }

    /// @notice Stop `setFee` (PAUSER_ROLE: the guardian).
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Resume `setFee` (DEFAULT_ADMIN_ROLE: governance only).
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @notice Current fee, payment-token base units per kWh.
    function fee() external view returns (uint256) {
        return _fee;
    }

    /// @notice The ruling recorded for `disputeId` (false if none).
    function ruling(uint256 disputeId) external view returns (bool) {
        return _rulings[disputeId];
    }
}
