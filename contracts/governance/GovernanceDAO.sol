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

    /// @param name_ Governor name (EIP-712 domain of vote signatures).
    /// @param token_ GRID: an ERC-5805 votes token on a timestamp clock.
    /// @param timelock_ The TimelockController that executes proposals and holds the admin roles.
    /// @param votingDelay_ Seconds from `propose` to the vote snapshot.
    /// @param votingPeriod_ Seconds the vote stays open after the snapshot (> 0).
    /// @param proposalThreshold_ GRID votes (base units) needed to propose.
    /// @param quorumPercent_ For + Abstain votes needed, % of total supply at the snapshot (1-100).
    constructor(
        string memory name_,
        IVotes token_,
        TimelockController timelock_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumPercent_
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
            startTime: snapshot,
            endTime: proposalDeadline(proposalId),
            forVotes: forVotes,
            againstVotes: againstVotes,
            abstainVotes: abstainVotes,
            // The supply at a snapshot still ahead is not known yet (the token would revert
            // ERC5805FutureLookup); that holds for Pending and for proposals cancelled early.
            quorum: snapshot < clock() ? quorum(snapshot) : 0,
            eta: proposalEta(proposalId),
            state: current,
            executed: current == ProposalState.Executed,
            cancelled: current == ProposalState.Canceled
        });
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
