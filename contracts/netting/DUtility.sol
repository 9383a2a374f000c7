// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IDUtility} from "../../interfaces/IDUtility.sol";
import {OrderedAddresses} from "../libraries/OrderedAddresses.sol";

/// @title DUtility — private household netting, verified with ZoKrates proofs (the seed's dUtility)
/// @notice See {IDUtility}. Verification costs one ecMul and one ecAdd per public input, i.e. two
/// per seat, instead of the reference's fixed 400 inputs.
contract DUtility is AccessControl, IDUtility {
    /// @notice May post commitments for any household.
    bytes32 public constant METER_ROLE = keccak256("METER_ROLE");
    /// @notice May submit nettings.
    bytes32 public constant NETTING_ROLE = keccak256("NETTING_ROLE");
    /// @notice Largest circuit size the netting circuit supports (see zk/lib/netting.zok).
    uint256 public constant MAX_SEATS = 2 ** 16;
    /// @notice Order of the BN254 scalar field: commitments (Poseidon outputs) are below it.
    uint256 public constant FIELD_MODULUS =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @dev A registered verifier and the selector of its `verifyTx(Proof, uint256[2N+1])`.
    struct VerifierEntry {
        address verifier;
        bytes4 selector;
    }

    address[] private _households;
    mapping(address household => uint256 commitment) private _commitments;
    mapping(address household => bool) private _registered;
    mapping(uint256 seats => VerifierEntry) private _verifiers;
    mapping(uint256 round => bytes32 statement) private _nettings;
    /// @dev The current round and whether it is closed share one slot (cheap cut-off and reads).
    uint128 private _round = 1;
    bool private _closed;

    /// @param admin Receives DEFAULT_ADMIN_ROLE and NETTING_ROLE.
    constructor(address admin) {
        if (admin == address(0)) revert DUtilityZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(NETTING_ROLE, admin);
    }

    /// @inheritdoc IDUtility
    function addHousehold(address household) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (household == address(0)) revert DUtilityZeroAddress();
        if (_registered[household]) revert DUtilityHouseholdExists(household);
        _registered[household] = true;
        _households.push(household);
        emit NewHousehold(household);
    }

    /// @inheritdoc IDUtility
    function removeHousehold(address household) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_registered[household]) revert DUtilityUnknownHousehold(household);
        delete _registered[household];
        delete _commitments[household];
        OrderedAddresses.removeInOrder(_households, household);
        emit HouseholdRemoved(household);
    }

    /// @inheritdoc IDUtility
    function commitBalance(address household, uint256 commitment) external {
        if (!_registered[household]) revert DUtilityUnknownHousehold(household);
        if (msg.sender != household) _checkRole(METER_ROLE);
        if (commitment == 0) revert DUtilityZeroCommitment(household);
        if (commitment >= FIELD_MODULUS) revert DUtilityCommitmentOutOfField(household, commitment);
        if (_closed) revert DUtilityRoundClosed(_round);
        _commitments[household] = commitment;
        emit CommitmentPosted(household, _round, commitment);
    }

    /// @inheritdoc IDUtility
    function closeRound(uint256 round) external onlyRole(NETTING_ROLE) {
        if (round != _round) revert DUtilityWrongRound(_round, round);
        if (_closed) revert DUtilityRoundClosed(round);
        _closed = true;
        emit RoundClosed(round);
    }

    /// @inheritdoc IDUtility
    function submitNetting(
        uint256 round,
        uint256[] calldata beforeCommitments,
        uint256[] calldata afterCommitments,
        Proof calldata proof
    ) external onlyRole(NETTING_ROLE) {
        bytes32 statement = keccak256(abi.encode(round, beforeCommitments, afterCommitments));
        if (round != _round) {
            if (_nettings[round] == statement) revert DUtilityProofReplayed(round, statement);
            revert DUtilityWrongRound(_round, round);
        }
        if (!_closed) revert DUtilityRoundOpen(round);
        uint256 n = _households.length;
        if (beforeCommitments.length != n || afterCommitments.length != n) {
            revert DUtilityLengthMismatch(n, beforeCommitments.length, afterCommitments.length);
        }
        address[] memory households = _households;
        for (uint256 i; i < n; ++i) {
            uint256 given = beforeCommitments[i];
            if (given == 0) continue; // left out: an unused seat for the circuit
            uint256 stored = _commitments[households[i]];
            if (given != stored) revert DUtilityCommitmentMismatch(households[i], stored, given);
        }
        if (!_verify(round, beforeCommitments, afterCommitments, proof)) revert DUtilityInvalidProof(round);

        uint256 taking = 0; // households netted (the others are left out)
        for (uint256 i; i < n; ++i) {
            if (beforeCommitments[i] == 0) {
                emit NettingSkipped(round, households[i]);
            } else {
                _commitments[households[i]] = afterCommitments[i];
                ++taking;
            }
        }
        _nettings[round] = statement;
        _round = uint128(round + 1); // round == _round < 2^128 - 1: rounds advance one at a time
        _closed = false;
        emit NettingSuccess(round, taking, statement);
    }

    /// @inheritdoc IDUtility
    function setVerifier(uint256 seats, address verifier) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (seats < 2 || seats > MAX_SEATS || seats & (seats - 1) != 0) revert DUtilityInvalidSeats(seats);
        string memory signature = string.concat(
            "verifyTx(((uint256,uint256),(uint256[2],uint256[2]),(uint256,uint256)),uint256[",
            Strings.toString(2 * seats + 1),
            "])"
        );
        _verifiers[seats] = VerifierEntry(verifier, bytes4(keccak256(bytes(signature))));
        emit VerifierSet(seats, verifier);
    }

    /// @inheritdoc IDUtility
    function currentRound() external view returns (uint256) {
        return _round;
    }

    /// @inheritdoc IDUtility
    function roundClosed() external view returns (bool) {
        return _closed;
    }

    /// @inheritdoc IDUtility
    function commitmentOf(address household) external view returns (uint256) {
        return _commitments[household];
    }

    /// @inheritdoc IDUtility
    function nettingOf(uint256 round) external view returns (bytes32) {
        return _nettings[round];
    }

    /// @inheritdoc IDUtility
    function verifierOf(uint256 seats) external view returns (address) {
        return _verifiers[seats].verifier;
    }

    /// @inheritdoc IDUtility
    function seatsFor(uint256 households) public pure returns (uint256 seats) {
        seats = 2;
        while (seats < households) seats <<= 1;
    }

    /// @inheritdoc IDUtility
    function householdCount() external view returns (uint256) {
        return _households.length;
    }

    /// @inheritdoc IDUtility
    function householdAt(uint256 index) external view returns (address) {
        return _households[index];
    }

    /// @dev Runs the size's verifier on `[round, before, 0.., after, 0..]`. Any failure of the
    /// call (a malformed proof makes the precompiles fail) counts as an invalid proof.
    function _verify(
        uint256 round,
        uint256[] calldata beforeCommitments,
        uint256[] calldata afterCommitments,
        Proof calldata proof
    ) private view returns (bool) {
        uint256 seats = seatsFor(beforeCommitments.length);
        VerifierEntry memory entry = _verifiers[seats];
        if (entry.verifier == address(0)) revert DUtilityNoVerifier(seats);
        uint256[] memory inputs = new uint256[](2 * seats + 1);
        inputs[0] = round;
        for (uint256 i; i < beforeCommitments.length; ++i) {
            inputs[1 + i] = beforeCommitments[i];
            inputs[1 + seats + i] = afterCommitments[i];
        }
        (bool ok, bytes memory result) = entry.verifier.staticcall(
            abi.encodePacked(entry.selector, abi.encode(proof), inputs)
        );
        return ok && result.length == 32 && abi.decode(result, (bool));
    }
}
