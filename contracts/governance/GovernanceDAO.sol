// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IGovernanceDAO} from "../../interfaces/IGovernanceDAO.sol";

/// @title GovernanceDAO — the GridSet Governor: GRID votes, quorum fraction, timelocked execution
/// @notice See {IGovernanceDAO}. All durations are seconds (timestamp clock); the quorum is a
/// percentage of GRID's total supply at each proposal's snapshot; proposal threshold and votes
/// are GRID base units. Settings change only through proposals (`onlyGovernance`: the timelock).
contract GovernanceDAO is
    IGovernanceDAO,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    bytes32 private constant _TIMESTAMP_MODE_HASH = keccak256("mode=timestamp");

    /// @dev One ballot, packed in one slot (GRID's supply is capped at 2**208 - 1 by ERC20Votes).
    struct Ballot {
        uint8 support;
        uint248 weight;
    }

    // May veto proposals until their eta; zero disables vetoes.
    address private _guardian;
    // The text given to `propose` (the reference's `getProposal` returns it).
    mapping(uint256 proposalId => string) private _descriptions;
    // How each voter voted (GovernorCountingSimple keeps only whether it did).
    mapping(uint256 proposalId => mapping(address voter => Ballot)) private _ballots;

    /// @param name_ Governor name (EIP-712 domain of vote signatures).
    /// @param token_ GRID: an ERC-5805 votes token on a timestamp clock.
    /// @param timelock_ The TimelockController that executes proposals and holds the admin roles.
    /// @param votingDelay_ Seconds from `propose` to the vote snapshot.
    /// @param votingPeriod_ Seconds the vote stays open after the snapshot (> 0).
    /// @param proposalThreshold_ GRID votes (base units) needed to propose.
    /// @param quorumPercent_ For + Abstain votes needed, % of total supply at the snapshot (1-100).
    /// @param guardian_ May veto proposals until their eta (a community multisig); zero: nobody.
    constructor(
        string memory name_,
        IVotes token_,
        TimelockController timelock_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumPercent_,
        address guardian_
    )
        Governor(name_)
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorVotes(token_)
        GovernorVotesQuorumFraction(quorumPercent_)
        GovernorTimelockControl(timelock_)
    {
        string memory tokenMode = IERC6372(address(token_)).CLOCK_MODE();
        if (keccak256(bytes(tokenMode)) != _TIMESTAMP_MODE_HASH) {
            revert GovernanceDAOClockModeNotTimestamp(tokenMode);
        }
        _setGuardian(guardian_);
    }

    // ---------------------------------------------------------------- guardian veto

    /// @inheritdoc IGovernanceDAO
    function veto(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId) {
        if (msg.sender != _guardian) revert GovernanceDAONotGuardian(msg.sender, _guardian);
        proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        // Reverts GovernorNonexistentProposal for an unknown id.
        if (state(proposalId) == ProposalState.Queued) {
            uint256 eta = proposalEta(proposalId);
            if (block.timestamp >= eta) revert GovernanceDAOVetoTooLate(proposalId, eta, block.timestamp);
        }
        // Rejects Canceled, Expired and Executed proposals; cancels the timelock operation too.
        _cancel(targets, values, calldatas, descriptionHash);
        emit ProposalVetoed(proposalId, msg.sender);
    }

    /// @inheritdoc IGovernanceDAO
    function setGuardian(address newGuardian) external onlyGovernance {
        _setGuardian(newGuardian);
    }

    /// @inheritdoc IGovernanceDAO
    function guardian() external view returns (address) {
        return _guardian;
    }

    function _setGuardian(address newGuardian) private {
        emit GuardianChanged(_guardian, newGuardian);
        _guardian = newGuardian;
    }

    // ---------------------------------------------------------------- reference read helpers

    /// @inheritdoc IGovernanceDAO
    function getProposal(uint256 proposalId) external view returns (Proposal memory) {
        ProposalState current = state(proposalId); // reverts GovernorNonexistentProposal
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        uint256 snapshot = proposalSnapshot(proposalId);
        return Proposal({
            proposalId: proposalId,
            proposer: proposalProposer(proposalId),
            description: _descriptions[proposalId],
            startTime: snapshot,
            endTime: proposalDeadline(proposalId),
            forVotes: forVotes,
            againstVotes: againstVotes,
            executed: current == ProposalState.Executed,
            cancelled: current == ProposalState.Canceled,
            abstainVotes: abstainVotes,
            // The supply at a snapshot still ahead is not known yet (the token would revert
            // ERC5805FutureLookup); that holds for Pending and for proposals cancelled early.
            quorum: snapshot < clock() ? quorum(snapshot) : 0,
            eta: proposalEta(proposalId),
            state: current
        });
    }

    /// @inheritdoc IGovernanceDAO
    function getVote(uint256 proposalId, address voter) external view returns (Vote memory) {
        if (!hasVoted(proposalId, voter)) return Vote({voter: address(0), support: 0, weight: 0});
        Ballot memory ballot = _ballots[proposalId][voter];
        return Vote({voter: voter, support: ballot.support, weight: ballot.weight});
    }

    /// @inheritdoc IGovernanceDAO
    function getVotingPower(address account) external view returns (uint256) {
        return token().getVotes(account);
    }

    /// @inheritdoc IGovernanceDAO
    function isProposalExecutable(uint256 proposalId) external view returns (bool) {
        if (proposalSnapshot(proposalId) == 0) return false;
        // A Queued proposal's eta is the timelock's ready time; `state` already checked that the
        // timelock operation is still pending (not executed or cancelled there).
        return state(proposalId) == ProposalState.Queued && proposalEta(proposalId) <= block.timestamp;
    }

    // ---------------------------------------------------------------- clock (seconds)

    /// @notice The ERC-6372 clock: the current block's Unix time (s). Equal to GRID's clock
    /// (checked in the constructor), read here without an external call.
    function clock() public view override(IERC6372, Governor, GovernorVotes) returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock description: timepoints are Unix seconds.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(IERC6372, Governor, GovernorVotes) returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------- ERC-165

    /// @notice ERC-165: IGovernor, IGovernanceDAO's own functions, ERC-721/1155 receivers.
    function supportsInterface(bytes4 interfaceId) public view override(Governor, IERC165) returns (bool) {
        return interfaceId == type(IGovernanceDAO).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- quorum

    /// @dev Rejects a zero quorum here as well as in the constructor, so no later proposal can
    /// remove it either.
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        if (newQuorumNumerator == 0) revert GovernanceDAOZeroQuorum();
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    // ---------------------------------------------------------------- recorded proposals and votes

    /// @dev Stores the description for `getProposal` (one storage slot per 32 bytes of text).
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        _descriptions[proposalId] = description;
    }

    /// @dev Counts the vote (GovernorCountingSimple: reverts GovernorAlreadyCastVote,
    /// GovernorInvalidVoteType) and records its support and weight for `getVote`.
    function _countVote(uint256 proposalId, address account, uint8 support, uint256 totalWeight, bytes memory params)
        internal
        override(Governor, GovernorCountingSimple)
        returns (uint256)
    {
        uint256 counted = super._countVote(proposalId, account, support, totalWeight, params);
        _ballots[proposalId][account] = Ballot({support: support, weight: SafeCast.toUint248(counted)});
        return counted;
    }

    // ---------------------------------------------------------------- required overrides

    /// @notice Seconds from `propose` to the vote snapshot.
    function votingDelay() public view override(IGovernor, Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @notice Seconds the vote stays open after the snapshot.
    function votingPeriod() public view override(IGovernor, Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @notice For + Abstain votes (GRID base units) a proposal with snapshot `timepoint` (Unix s) needs.
    function quorum(uint256 timepoint)
        public
        view
        override(IGovernor, Governor, GovernorVotesQuorumFraction)
        returns (uint256)
    {
        return super.quorum(timepoint);
    }

    /// @notice GRID votes (base units) an account needs to propose.
    function proposalThreshold() public view override(IGovernor, Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @notice The proposal's state, including what happened to it in the timelock.
    function state(uint256 proposalId)
        public
        view
        override(IGovernor, Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    /// @notice Always true: every proposal goes through the timelock.
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(IGovernor, Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
