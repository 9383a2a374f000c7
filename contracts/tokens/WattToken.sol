// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

/// @title WattToken (WATT) — the suite's fiat-backed payment token
/// @notice 18 decimals; 1 WATT tracks one unit of the local currency, backed 1:1 by reserves the
/// issuer holds off chain. Standard and fee-less, so every contract of the suite works with it.
/// - Minting (Circle's model): a minter needs MINTER_ROLE and a minter allowance set by governance
///   (`configureMinter`), spent by each mint.
/// - Proof of reserve: reserve attestors (governed list, at most MAX_ATTESTORS) each attest the
///   reserves they verified; the attested reserves are the largest amount that at least `quorum`
///   fresh attestations (no older than `maxAttestationAge`, default 24 h) reach. Invariant: after
///   every mint, totalSupply <= attested reserves.
/// - Redemption: `redeem` burns the holder's WATT and records an off-ramp request (id, account,
///   amount, offRampRef) that the issuer marks fulfilled once the fiat is paid out.
/// - Pause (PAUSER_ROLE) stops every transfer, mint and burn; the blacklist (BLACKLISTER_ROLE) bars
///   an account from sending, receiving and approving on every path (transferFrom, permit, burn).
contract WattToken is ERC20, ERC20Burnable, ERC20Permit, AccessControl, Pausable {
    /// @notice May issue WATT against fiat deposits (the issuer's on-ramp), within its allowance.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant BLACKLISTER_ROLE = keccak256("BLACKLISTER_ROLE");
    /// @notice May mark redemption requests fulfilled (the issuer's off-ramp).
    bytes32 public constant REDEEMER_ROLE = keccak256("REDEEMER_ROLE");

    uint256 public constant MAX_ATTESTORS = 16;
    uint256 public constant DEFAULT_MAX_ATTESTATION_AGE = 24 hours;

    struct Attestation {
        uint192 reserves; // WATT base units
        uint64 attestedAt; // Unix s
    }

    struct Redemption {
        address account;
        uint96 amount; // WATT base units (fits: the supply check bounds it to attested reserves)
        bytes32 offRampRef; // the holder's off-ramp reference (e.g. a hashed IBAN)
        bool fulfilled;
    }

    error WattReservesExceeded(uint256 supplyAfter, uint256 reserves);
    error WattStaleAttestation(uint256 fresh, uint256 quorum);
    error WattMinterAllowanceExceeded(address minter, uint256 allowance, uint256 amount);
    error WattNotAttestor(address account);
    error WattAttestorExists(address account);
    error WattInvalidParameter(bytes32 name, uint256 value);
    error WattBlacklisted(address account);
    error WattRedemptionExceedsBalance(address account, uint256 balance, uint256 amount);
    error WattUnknownRedemption(uint256 id);
    error WattRedemptionFulfilled(uint256 id);

    /// @notice Issued `amount` base units to `to` against fiat held in reserve.
    event Issued(address indexed to, uint256 amount);
    event MinterConfigured(address indexed minter, uint256 allowance);
    event ReservesAttested(address indexed attestor, uint256 reserves, uint256 attestedAt);
    event AttestorAdded(address indexed attestor);
    event AttestorRemoved(address indexed attestor);
    event AttestationRulesUpdated(uint256 quorum, uint256 maxAge);
    event RedemptionRequested(uint256 indexed id, address indexed account, uint256 amount, bytes32 offRampRef);
    event RedemptionFulfilled(uint256 indexed id, address indexed account, uint256 amount);
    event BlacklistUpdated(address indexed account, bool blacklisted);

    mapping(address minter => uint256 allowance) private _minterAllowances;
    address[] private _attestors;
    mapping(address attestor => Attestation) private _attestations;
    uint64 private _quorum;
    uint64 private _maxAge;
    mapping(address account => bool) private _blacklisted;
    Redemption[] private _redemptions;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (handed to governance at deployment).
    constructor(address admin) ERC20("GridSet Watt", "WATT") ERC20Permit("GridSet Watt") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setAttestationRules(1, DEFAULT_MAX_ATTESTATION_AGE);
    }

    // ---------------------------------------------------------------- issuer

    /// @notice Issue `amount` WATT base units (1e-18 WATT) to `to` (MINTER_ROLE, within the minter
    /// allowance, and within the attested reserves).
    /// @dev Reverts WattMinterAllowanceExceeded, WattStaleAttestation (fewer than `quorum` fresh
    /// attestations), WattReservesExceeded, WattBlacklisted, EnforcedPause, ERC20InvalidReceiver.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        uint256 allowance = _minterAllowances[msg.sender];
        if (amount > allowance) revert WattMinterAllowanceExceeded(msg.sender, allowance, amount);
        (uint256 reserves, uint256 fresh) = attestedReserves();
        if (fresh < _quorum) revert WattStaleAttestation(fresh, _quorum);
        uint256 supplyAfter = totalSupply() + amount;
        if (supplyAfter > reserves) revert WattReservesExceeded(supplyAfter, reserves);
        _minterAllowances[msg.sender] = allowance - amount;
        _mint(to, amount);
        emit Issued(to, amount);
    }

    /// @notice Attest the issuer's reserves, WATT base units, as of now (an attestor).
    /// @dev Reverts WattNotAttestor.
    function attestReserves(uint256 reserves) external {
        if (!isAttestor(msg.sender)) revert WattNotAttestor(msg.sender);
        if (reserves > type(uint192).max) revert WattInvalidParameter("reserves", reserves);
        _attestations[msg.sender] = Attestation(uint192(reserves), uint64(block.timestamp));
        emit ReservesAttested(msg.sender, reserves, block.timestamp);
    }

    /// @notice Burn `amount` of the caller's WATT and record an off-ramp request with the
    /// holder's `offRampRef`; returns the request id.
    /// @dev Reverts WattRedemptionExceedsBalance, WattInvalidParameter (zero or above 2^96 - 1),
    /// WattBlacklisted, EnforcedPause.
    function redeem(uint256 amount, bytes32 offRampRef) external returns (uint256 id) {
        uint256 balance = balanceOf(msg.sender);
        if (amount > balance) revert WattRedemptionExceedsBalance(msg.sender, balance, amount);
        if (amount == 0 || amount > type(uint96).max) revert WattInvalidParameter("amount", amount);
        _burn(msg.sender, amount);
        id = _redemptions.length;
        _redemptions.push(Redemption(msg.sender, uint96(amount), offRampRef, false));
        emit RedemptionRequested(id, msg.sender, amount, offRampRef);
    }

    /// @notice Record that redemption `id` was paid out in fiat (REDEEMER_ROLE).
    /// @dev Reverts WattUnknownRedemption, WattRedemptionFulfilled.
    function fulfilRedemption(uint256 id) external onlyRole(REDEEMER_ROLE) {
        if (id >= _redemptions.length) revert WattUnknownRedemption(id);
        Redemption storage redemption = _redemptions[id];
        if (redemption.fulfilled) revert WattRedemptionFulfilled(id);
        redemption.fulfilled = true;
        emit RedemptionFulfilled(id, redemption.account, redemption.amount);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Set `minter`'s remaining mint allowance, WATT base units (DEFAULT_ADMIN_ROLE).
    function configureMinter(address minter, uint256 allowance) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _minterAllowances[minter] = allowance;
        emit MinterConfigured(minter, allowance);
    }

    /// @notice Add a reserve attestor (DEFAULT_ADMIN_ROLE).
    /// @dev Reverts WattAttestorExists, WattInvalidParameter (zero address, list full).
    function addAttestor(address attestor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (attestor == address(0)) revert WattInvalidParameter("attestor", 0);
        if (isAttestor(attestor)) revert WattAttestorExists(attestor);
        if (_attestors.length == MAX_ATTESTORS) revert WattInvalidParameter("attestorCount", MAX_ATTESTORS + 1);
        _attestors.push(attestor);
        emit AttestorAdded(attestor);
    }

    /// @notice Remove a reserve attestor and its attestation (DEFAULT_ADMIN_ROLE).
    /// @dev Reverts WattNotAttestor.
    function removeAttestor(address attestor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 n = _attestors.length;
        for (uint256 i; i < n; ++i) {
            if (_attestors[i] == attestor) {
                _attestors[i] = _attestors[n - 1];
                _attestors.pop();
                delete _attestations[attestor];
                emit AttestorRemoved(attestor);
                return;
            }
        }
        revert WattNotAttestor(attestor);
    }

    /// @notice Attestations needed (1 .. MAX_ATTESTORS) and their maximum age (1 hour .. 7 days, s)
    /// (DEFAULT_ADMIN_ROLE).
    /// @dev Reverts WattInvalidParameter.
    function setAttestationRules(uint256 quorum_, uint256 maxAge) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setAttestationRules(quorum_, maxAge);
    }

    /// @notice Bar or re-admit `account` on every transfer path (BLACKLISTER_ROLE).
    function setBlacklisted(address account, bool blacklisted) external onlyRole(BLACKLISTER_ROLE) {
        _blacklisted[account] = blacklisted;
        emit BlacklistUpdated(account, blacklisted);
    }

    /// @notice Stop transfers, mints and burns (PAUSER_ROLE).
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @notice Resume (DEFAULT_ADMIN_ROLE).
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- views

    /// @notice The largest reserve amount (WATT base units) that at least `quorum` fresh
    /// attestations reach (0 below quorum), and how many attestations are fresh.
    function attestedReserves() public view returns (uint256 reserves, uint256 fresh) {
        uint256 n = _attestors.length;
        uint256[] memory amounts = new uint256[](n);
        uint256 oldest = block.timestamp > _maxAge ? block.timestamp - _maxAge : 0;
        for (uint256 i; i < n; ++i) {
            Attestation memory attestation = _attestations[_attestors[i]];
            if (attestation.attestedAt == 0 || attestation.attestedAt < oldest) continue;
            // Insertion sort, descending (n <= MAX_ATTESTORS).
            uint256 j = fresh++;
            while (j != 0 && amounts[j - 1] < attestation.reserves) {
                amounts[j] = amounts[j - 1];
                --j;
            }
            amounts[j] = attestation.reserves;
        }
        uint256 quorum_ = _quorum;
        reserves = fresh >= quorum_ ? amounts[quorum_ - 1] : 0;
    }

    function minterAllowance(address minter) external view returns (uint256) {
        return _minterAllowances[minter];
    }

    function isAttestor(address account) public view returns (bool) {
        uint256 n = _attestors.length;
        for (uint256 i; i < n; ++i) {
            if (_attestors[i] == account) return true;
        }
        return false;
    }

    function attestors() external view returns (address[] memory) {
        return _attestors;
    }

    /// @notice Attestations needed and their maximum age (s).
    function attestationRules() external view returns (uint256 quorum, uint256 maxAge) {
        return (_quorum, _maxAge);
    }

    function isBlacklisted(address account) external view returns (bool) {
        return _blacklisted[account];
    }

    function getRedemption(uint256 id) external view returns (Redemption memory) {
        if (id >= _redemptions.length) revert WattUnknownRedemption(id);
        return _redemptions[id];
    }

    function redemptionCount() external view returns (uint256) {
        return _redemptions.length;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Every balance change (transfer, transferFrom, mint, burn, burnFrom, redeem) passes here.
    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        if (_blacklisted[from]) revert WattBlacklisted(from);
        if (_blacklisted[to]) revert WattBlacklisted(to);
        // A spender moving someone else's WATT (an unlimited allowance never rewrites the
        // allowance, so _approve does not see it) is checked too.
        if (msg.sender != from && msg.sender != to && _blacklisted[msg.sender]) revert WattBlacklisted(msg.sender);
        super._update(from, to, value);
    }

    /// @dev Every allowance change (approve, permit, spending) passes here.
    function _approve(address owner, address spender, uint256 value, bool emitEvent) internal override {
        if (_blacklisted[owner]) revert WattBlacklisted(owner);
        if (_blacklisted[spender]) revert WattBlacklisted(spender);
        super._approve(owner, spender, value, emitEvent);
    }

    function _setAttestationRules(uint256 quorum_, uint256 maxAge) private {
        if (quorum_ == 0 || quorum_ > MAX_ATTESTORS) revert WattInvalidParameter("quorum", quorum_);
        if (maxAge < 1 hours || maxAge > 7 days) revert WattInvalidParameter("maxAge", maxAge);
        _quorum = uint64(quorum_);
        _maxAge = uint64(maxAge);
        emit AttestationRulesUpdated(quorum_, maxAge);
    }
}
