// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

/// @title IGovernanceDAO — GRID-vote governance of every GridSet parameter
/// @notice An OpenZeppelin Governor (ERC-6372 timestamp clock: all timepoints and durations are
/// Unix seconds) whose successful proposals are queued in and executed by a TimelockController,
/// which holds every admin role of the suite. Lifecycle: `propose` -> Pending for `votingDelay`
/// seconds -> Active for `votingPeriod` seconds (`castVote`, support 0 = Against, 1 = For,
/// 2 = Abstain) -> Defeated (quorum of For + Abstain not reached, or For <= Against) or
/// Succeeded -> `queue` (timelock delay starts) -> `execute` once the delay has passed.
/// A proposer may `cancel` while Pending. Votes are the voter's GRID votes at the proposal
/// snapshot (`proposalSnapshot`), so tokens moved after the snapshot cannot vote twice.
///
/// Also the GRIDSET reference's read helpers where they map onto a Governor: `getProposal`,
/// `hasVoted` (from IGovernor), `getVotingPower`, `isProposalExecutable`. The proposal
/// description is not stored (it is in the `ProposalCreated` event), to keep `propose` cheap.
interface IGovernanceDAO is IGovernor {
    /// @notice One proposal as the reference's `getProposal` returns it, plus Governor fields.
    /// @param proposalId The Governor proposal id (`hashProposal` of its actions and description).
    /// @param proposer The account that proposed it.
    /// @param startTime Snapshot time (Unix s): votes are weighed at this time; voting opens
    /// strictly after it.
    /// @param endTime Deadline (Unix s): the last second at which votes are accepted.
    /// @param forVotes Votes For, GRID base units (1e-18 GRID).
    /// @param againstVotes Votes Against, GRID base units.
    /// @param abstainVotes Votes Abstain (count towards quorum only), GRID base units.
    /// @param quorum For + Abstain votes needed, GRID base units; 0 until the snapshot time has
    /// passed (it is fixed by the total supply at the snapshot).
    /// @param eta Unix time (s) from which a queued proposal can be executed; 0 if not queued.
    /// @param state The Governor state now.
    /// @param executed True once the timelock has executed the actions.
    /// @param cancelled True once cancelled (by the proposer, or in the timelock).
    struct Proposal {
        uint256 proposalId;
        address proposer;
        uint256 startTime;
        uint256 endTime;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        uint256 quorum;
        uint256 eta;
        ProposalState state;
        bool executed;
        bool cancelled;
    }

    /// @notice The voting token does not use a timestamp clock, so durations in seconds would be
    /// misread as block counts.
    /// @param tokenClockMode The token's `CLOCK_MODE()`.
    error GovernanceDAOClockModeNotTimestamp(string tokenClockMode);
    /// @notice A quorum of 0 % was requested: proposals could pass with a single vote.
    error GovernanceDAOZeroQuorum();

    /// @notice The proposal `proposalId` with its tallies, times (Unix s) and state.
    /// @dev Reverts with `GovernorNonexistentProposal` for an unknown id.
    function getProposal(uint256 proposalId) external view returns (Proposal memory);

    /// @notice `account`'s GRID votes now (delegated to it, GRID base units). A proposal weighs
    /// votes at its snapshot instead: `getVotes(account, proposalSnapshot(proposalId))`.
    function getVotingPower(address account) external view returns (uint256);

    /// @notice True iff `execute` would succeed now: the proposal is queued and its timelock
    /// delay has passed (`eta <= block.timestamp`). False for an unknown id.
    function isProposalExecutable(uint256 proposalId) external view returns (bool);
}
