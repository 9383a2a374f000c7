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
/// A guardian (a community multisig, or nobody) may veto a proposal until its timelock eta:
/// the backstop against a small coalition passing a harmful proposal while others are absent.
/// The guardian is changed only by a proposal (`setGuardian`).
///
/// Also the GRIDSET reference's read helpers where they map onto a Governor: `getProposal`
/// (with the description, stored at `propose`), `getVote`, `hasVoted` (from IGovernor),
/// `getVotingPower`, `isProposalExecutable`.
interface IGovernanceDAO is IGovernor {
    /// @notice One proposal as the reference's `getProposal` returns it (its nine fields first,
    /// in its order, so a reference client decodes the prefix), then the Governor's own fields.
    /// @param proposalId The Governor proposal id (`hashProposal` of its actions and description).
    /// @param proposer The account that proposed it.
    /// @param description The proposal text as given to `propose` (UTF-8).
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
    /// @param cancelled True once cancelled (by the proposer, the guardian's veto, or in the
    /// timelock).
    struct Proposal {
        uint256 proposalId;
        address proposer;
        string description;
        uint256 startTime;
        uint256 endTime;
        uint256 forVotes;
        uint256 againstVotes;
        bool executed;
        bool cancelled;
        uint256 abstainVotes;
        uint256 quorum;
        uint256 eta;
        ProposalState state;
    }

    /// @notice One ballot as the reference's `getVote` returns it.
    /// @param voter The account that voted (the zero address if `voter` has not voted).
    /// @param support 0 = Against, 1 = For, 2 = Abstain (the reference has a bool: For or not).
    /// @param weight GRID votes (base units) counted: the voter's votes at the snapshot.
    struct Vote {
        address voter;
        uint8 support;
        uint256 weight;
    }

    /// @notice The guardian vetoed proposal `proposalId` before its eta (it is now Canceled).
    /// @param proposalId The vetoed proposal.
    /// @param guardian The guardian that vetoed it.
    event ProposalVetoed(uint256 indexed proposalId, address indexed guardian);
    /// @notice The guardian changed (through a proposal, or at deployment).
    /// @param previousGuardian The former guardian (zero: none).
    /// @param newGuardian The new guardian (zero: nobody can veto).
    event GuardianChanged(address indexed previousGuardian, address indexed newGuardian);

    /// @notice The voting token does not use a timestamp clock, so durations in seconds would be
    /// misread as block counts.
    /// @param tokenClockMode The token's `CLOCK_MODE()`.
    error GovernanceDAOClockModeNotTimestamp(string tokenClockMode);
    /// @notice A quorum of 0 % was requested: proposals could pass with a single vote.
    error GovernanceDAOZeroQuorum();
    /// @notice `veto` was called by an account that is not the guardian.
    /// @param caller The caller.
    /// @param guardian The guardian (zero: vetoes are disabled).
    error GovernanceDAONotGuardian(address caller, address guardian);
    /// @notice The proposal's eta has been reached: it can be executed and can no longer be vetoed.
    /// @param proposalId The proposal.
    /// @param eta Its eta (Unix s).
    /// @param timestamp The current block time (Unix s), >= eta.
    error GovernanceDAOVetoTooLate(uint256 proposalId, uint256 eta, uint256 timestamp);

    /// @notice Cancel a proposal as the guardian: allowed while it is Pending, Active, Succeeded,
    /// Defeated, or Queued before its eta (the timelock operation is cancelled with it).
    /// @dev Emits `ProposalCanceled` and `ProposalVetoed`. Reverts `GovernanceDAONotGuardian` for
    /// any other caller, `GovernanceDAOVetoTooLate` for a Queued proposal at or after its eta,
    /// `GovernorUnexpectedProposalState` for a Canceled, Expired or Executed proposal and
    /// `GovernorNonexistentProposal` for an unknown one.
    /// @param targets The proposal's targets (as given to `propose`).
    /// @param values The proposal's wei values.
    /// @param calldatas The proposal's calldatas.
    /// @param descriptionHash keccak256 of the proposal's description.
    /// @return proposalId The vetoed proposal's id.
    function veto(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId);

    /// @notice Replace the guardian (only through a proposal: the timelock calls it).
    /// @dev Emits `GuardianChanged`; reverts `GovernorOnlyExecutor` for any other caller.
    /// @param newGuardian The new guardian; the zero address disables vetoes.
    function setGuardian(address newGuardian) external;

    /// @notice The account that may veto proposals until their eta (zero: nobody).
    function guardian() external view returns (address);

    /// @notice The proposal `proposalId` with its description, tallies, times (Unix s) and state.
    /// @dev Reverts with `GovernorNonexistentProposal` for an unknown id.
    /// @param proposalId The proposal.
    function getProposal(uint256 proposalId) external view returns (Proposal memory);

    /// @notice How `voter` voted on `proposalId`: support and weight (GRID base units). All
    /// fields are zero if `voter` has not voted (see `hasVoted`; a zero-weight vote returns the
    /// voter's address with weight 0).
    /// @param proposalId The proposal.
    /// @param voter The account asked about.
    function getVote(uint256 proposalId, address voter) external view returns (Vote memory);

    /// @notice `account`'s GRID votes now (delegated to it, GRID base units). A proposal weighs
    /// votes at its snapshot instead: `getVotes(account, proposalSnapshot(proposalId))`.
    /// @param account The voter.
    function getVotingPower(address account) external view returns (uint256);

    /// @notice True iff `execute` would succeed now: the proposal is queued and its timelock
    /// delay has passed (`eta <= block.timestamp`). False for an unknown id.
    /// @param proposalId The proposal.
    function isProposalExecutable(uint256 proposalId) external view returns (bool);
}
