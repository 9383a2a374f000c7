// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IDUtility — privacy-preserving netting verified on chain (the seed's dUtility)
/// @notice Households (or their meters) post only commitments to their renewable balances for
/// the current netting round: Poseidon(balance as a BN254 field element, random salt)
/// (`zk/commitment.zok`; balances in Ws, |balance| < 2^64). The netting entity (NETTING_ROLE)
/// nets the balances off chain and submits the after-commitments with a Groth16 proof (ZoKrates,
/// `zk/netting<N>.zok`) that the after-balances are a consistent, fair, zero-net netting of the
/// committed before-balances. Seats are the households in insertion order, padded with zero up to
/// the circuit size N (the smallest power of two >= max(2, households)); the proof's public inputs
/// are `[round, before[N], after[N]]`. An accepted netting stores the after-commitments as the
/// households' current commitments, records the round's statement hash and opens the next round.
/// A zero commitment means "no commitment" (an unused seat), so households cannot post zero, and
/// commitments are BN254 scalar field elements (below `FIELD_MODULUS`), the only values a proof
/// can open.
/// Rounds: households commit while the round is open; the netting entity then closes it
/// (`closeRound`), which freezes every commitment until the netting of that round is accepted,
/// so nobody can invalidate a proof between its computation and its submission. A netting may
/// leave households out (a zero before- and after-commitment in their seat, as an unused seat):
/// those that did not commit in time or whose commitment cannot be opened. They keep their
/// commitment unchanged and are named in a `NettingSkipped` event, so one household can never
/// hold the community's netting hostage.
/// Roles: DEFAULT_ADMIN_ROLE (governance) manages households and verifiers; METER_ROLE may post
/// for any household; NETTING_ROLE submits nettings (only the entity that knows the openings may
/// replace households' commitments, or households could be locked out of their own balances).
interface IDUtility {
    /// @notice A Groth16 proof as ZoKrates emits it (G1 a, G2 b, G1 c; BN254 coordinates).
    struct Proof {
        uint256[2] a;
        uint256[2][2] b;
        uint256[2] c;
    }

    /// @notice `household` is already a household.
    error DUtilityHouseholdExists(address household);
    /// @notice `household` is not a household.
    error DUtilityUnknownHousehold(address household);
    /// @notice The zero address cannot be a household or the admin.
    error DUtilityZeroAddress();
    /// @notice Zero is reserved for "no commitment" (an unused seat).
    error DUtilityZeroCommitment(address household);
    /// @notice The netting is for round `given`; the current round is `expected`.
    error DUtilityWrongRound(uint256 expected, uint256 given);
    /// @notice The submitted before-commitment of `household` differs from the stored one.
    error DUtilityCommitmentMismatch(address household, uint256 stored, uint256 given);
    /// @notice Commitment lists must have one entry per household, in household order.
    error DUtilityLengthMismatch(uint256 households, uint256 beforeLength, uint256 afterLength);
    /// @notice No verifier is registered for a circuit of `seats` seats.
    error DUtilityNoVerifier(uint256 seats);
    /// @notice The proof does not verify for round `round` and the submitted commitments.
    error DUtilityInvalidProof(uint256 round);
    /// @notice This exact netting (`statement`) was already accepted for round `round`.
    error DUtilityProofReplayed(uint256 round, bytes32 statement);
    /// @notice Circuit sizes are powers of two from 2 to `MAX_SEATS`.
    error DUtilityInvalidSeats(uint256 seats);
    /// @notice `commitment` of `household` is not a BN254 scalar field element (>= `FIELD_MODULUS`),
    /// so no proof could ever open it.
    error DUtilityCommitmentOutOfField(address household, uint256 commitment);
    /// @notice Round `round` is closed: its commitments are frozen until its netting is accepted.
    error DUtilityRoundClosed(uint256 round);
    /// @notice Round `round` is still open: close it (`closeRound`) before submitting its netting.
    error DUtilityRoundOpen(uint256 round);

    /// @notice `household` was added (last seat).
    event NewHousehold(address indexed household);
    /// @notice `household` was removed; later households move up one seat.
    event HouseholdRemoved(address indexed household);
    /// @notice `household` committed to its renewable balance for `round`.
    event CommitmentPosted(address indexed household, uint256 indexed round, uint256 commitment);
    /// @notice The netting of `round` over `households` households (those that took part) was
    /// proven and accepted; `statement` = keccak256(abi.encode(round, before, after)).
    event NettingSuccess(uint256 indexed round, uint256 households, bytes32 statement);
    /// @notice `household` sat out the netting of `round` (no commitment in time, or one the netting
    /// entity could not open); its commitment is unchanged.
    event NettingSkipped(uint256 indexed round, address indexed household);
    /// @notice Round `round` was closed: commitments are frozen until its netting is accepted.
    event RoundClosed(uint256 indexed round);
    /// @notice Nettings with `seats` seats are now checked by `verifier` (zero: disabled).
    event VerifierSet(uint256 indexed seats, address verifier);

    /// @notice Add `household` as the last seat (DEFAULT_ADMIN_ROLE). Errors: DUtilityZeroAddress,
    /// DUtilityHouseholdExists.
    /// @param household The household's account (not the zero address, not yet a household).
    function addHousehold(address household) external;

    /// @notice Remove `household` (DEFAULT_ADMIN_ROLE); later households keep their order. Error:
    /// DUtilityUnknownHousehold.
    /// @param household A current household.
    function removeHousehold(address household) external;

    /// @notice Post `commitment` to the renewable balance of `household` for the current round
    /// (the household itself or METER_ROLE); replaces its current commitment.
    /// @dev Reverts with DUtilityUnknownHousehold, AccessControlUnauthorizedAccount (neither the
    /// household nor METER_ROLE), DUtilityZeroCommitment, DUtilityCommitmentOutOfField
    /// (>= FIELD_MODULUS) or DUtilityRoundClosed (the round's cut-off has passed).
    /// @param household A current household.
    /// @param commitment Commitment to its renewable balance, a BN254 field element (1 .. FIELD_MODULUS - 1).
    function commitBalance(address household, uint256 commitment) external;

    /// @notice Close round `round` (NETTING_ROLE): the cut-off after which commitments are frozen
    /// until the round's netting is accepted. Read the commitments after this call, then prove.
    /// @dev Reverts with DUtilityWrongRound (`round` is not current) or DUtilityRoundClosed (twice).
    /// @param round Must be `currentRound()`.
    function closeRound(uint256 round) external;

    /// @notice Accept the netting of round `round` (NETTING_ROLE).
    /// @param round Must be `currentRound()`, closed.
    /// @param beforeCommitments Per household, in household order: its current commitment, or 0
    /// to leave it out of this round (it keeps its commitment; `NettingSkipped` is emitted).
    /// @param afterCommitments Commitments to the balances after netting, in household order
    /// (0 for a household left out; the circuit enforces it).
    /// @param proof Groth16 proof for public inputs `[round, before, 0.., after, 0..]`.
    /// @dev Reverts with DUtilityProofReplayed, DUtilityWrongRound, DUtilityRoundOpen,
    /// DUtilityLengthMismatch, DUtilityCommitmentMismatch, DUtilityNoVerifier or
    /// DUtilityInvalidProof.
    function submitNetting(
        uint256 round,
        uint256[] calldata beforeCommitments,
        uint256[] calldata afterCommitments,
        Proof calldata proof
    ) external;

    /// @notice Register `verifier` (a ZoKrates-exported netting verifier for `seats` seats, or
    /// zero to disable that size) (DEFAULT_ADMIN_ROLE). Error: DUtilityInvalidSeats.
    /// @param seats Circuit size (a power of two, see `seatsFor`).
    /// @param verifier The verifier contract, or the zero address.
    function setVerifier(uint256 seats, address verifier) external;

    /// @notice The current netting round (starts at 1, advances with each accepted netting).
    function currentRound() external view returns (uint256);

    /// @notice Whether the current round is closed (commitments frozen until its netting).
    function roundClosed() external view returns (bool);

    /// @notice The current commitment of `household` (0: none yet).
    /// @param household The household.
    function commitmentOf(address household) external view returns (uint256);

    /// @notice The statement hash of the netting accepted for `round` (zero: none).
    /// @param round A netting round.
    function nettingOf(uint256 round) external view returns (bytes32);

    /// @notice Verifier registered for circuits of `seats` seats (zero: none).
    /// @param seats Circuit size.
    function verifierOf(uint256 seats) external view returns (address);

    /// @notice Circuit size used for `households` households: the smallest power of two >= it (min 2).
    /// @param households Number of households.
    function seatsFor(uint256 households) external pure returns (uint256);

    /// @notice Number of households.
    function householdCount() external view returns (uint256);

    /// @notice Household at seat `index` (0-based).
    /// @param index 0 .. householdCount() - 1.
    function householdAt(uint256 index) external view returns (address);
}
