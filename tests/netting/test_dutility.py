"""DUtility: households, commitments, verifier registry, and nettings with real proofs."""

from types import SimpleNamespace

import ape
import pytest
from eth_abi import encode
from eth_utils import keccak

from gridset.netting import deploy, zk
from gridset.reference.netting import settle

BALANCES = [100, -60]


@pytest.fixture(scope="module")
def netting(admin, meter, outsider, households, zk_two_seats):
    """A 2-household DUtility with posted commitments and a valid proof for round 1."""
    del meter, outsider  # set up first: session fixtures must precede this one (isolation)
    dutility, verifiers = deploy.deploy_dutility(admin, seats=(2,))
    members = households[:2]
    for member in members:
        dutility.addHousehold(member, sender=admin)
    before = [(b, zk.random_salt()) for b in BALANCES]
    after = [(a, zk.random_salt()) for a in settle(BALANCES, exact_shares=True).after]
    before_c, after_c = zk.commitments(before), zk.commitments(after)
    for member, commitment in zip(members, before_c, strict=True):
        dutility.commitBalance(member, commitment, sender=member)
    proof = zk.prove(2, zk.witness_args(2, 1, before, after, before_c, after_c))
    # A partial round: the first household alone (the second left out, a zero seat).
    alone = (BALANCES[0], zk.random_salt())
    (alone_c,) = zk.commitments([alone])
    partial_before, partial_after = [before_c[0], 0], [alone_c, 0]
    partial_proof = zk.prove(
        2,
        zk.witness_args(2, 1, [before[0], (0, 0)], [alone, (0, 0)], partial_before, partial_after),
    )
    return SimpleNamespace(
        dutility=dutility,
        verifier=verifiers[2],
        members=members,
        before=before_c,
        after=after_c,
        proof=proof,
        partial_before=partial_before,
        partial_after=partial_after,
        partial_proof=partial_proof,
    )


def statement(round_id, before, after):
    return keccak(encode(["uint256", "uint256[]", "uint256[]"], [round_id, before, after]))


def submit(netting, round_id=1, before=None, after=None, proof=None, sender=None):
    """Submit the fixture's netting (or a variant), closing round 1 first if it is open."""
    if not netting.dutility.roundClosed():
        netting.dutility.closeRound(
            netting.dutility.currentRound(), sender=ape.accounts.test_accounts[0]
        )
    return netting.dutility.submitNetting(
        round_id,
        netting.before if before is None else before,
        netting.after if after is None else after,
        netting.proof.contract_proof() if proof is None else proof,
        sender=sender or ape.accounts.test_accounts[0],
    )


def test_submit_netting__valid_proof__accepted_and_after_commitments_stored(netting):
    d = netting.dutility

    tx = submit(netting)

    assert tx.events == [d.NettingSuccess(1, 2, statement(1, netting.before, netting.after))]
    assert [d.commitmentOf(m) for m in netting.members] == netting.after
    assert d.currentRound() == 2
    assert d.nettingOf(1) == statement(1, netting.before, netting.after)
    assert d.roundClosed() is False  # round 2 is open for commitments
    member = netting.members[0]
    assert d.commitBalance(member, 5, sender=member).events == [d.CommitmentPosted(member, 2, 5)]


def test_submit_netting__tampered_after_commitment__reverts_invalid_proof(netting):
    forged = [netting.after[0], netting.after[1] + 1]

    with ape.reverts(netting.dutility.DUtilityInvalidProof, round=1):
        submit(netting, after=forged)


def test_submit_netting__tampered_proof_point__reverts_invalid_proof(netting):
    (a, b, c) = netting.proof.contract_proof()

    with ape.reverts(netting.dutility.DUtilityInvalidProof, round=1):
        submit(netting, proof=(a, b, (c[0], c[1] + 1)))


def test_submit_netting__wrong_round__reverts(netting):
    with ape.reverts(netting.dutility.DUtilityWrongRound, expected=1, given=2):
        submit(netting, round_id=2)


def test_submit_netting__replayed__reverts(netting):
    submit(netting)

    with ape.reverts(
        netting.dutility.DUtilityProofReplayed,
        round=1,
        statement=statement(1, netting.before, netting.after),
    ):
        submit(netting)


def test_submit_netting__commitment_changed_before_cut_off__reverts_mismatch(netting):
    # The netting entity must close the round before it reads the commitments it proves.
    member = netting.members[1]
    netting.dutility.commitBalance(member, 12345, sender=member)

    with ape.reverts(
        netting.dutility.DUtilityCommitmentMismatch,
        household=member.address,
        stored=12345,
        given=netting.before[1],
    ):
        submit(netting)


def test_attack__recommit_between_proof_and_submission__frozen_and_netting_accepted(netting, admin):
    d, attacker, victim = netting.dutility, netting.members[1], netting.members[0]
    d.closeRound(1, sender=admin)

    with ape.reverts(d.DUtilityRoundClosed, round=1):
        d.commitBalance(attacker, 12345, sender=attacker)

    submit(netting)
    assert [d.commitmentOf(victim), d.commitmentOf(attacker)] == netting.after


def test_submit_netting__round_still_open__reverts(netting, admin):
    d = netting.dutility
    with ape.reverts(d.DUtilityRoundOpen, round=1):
        d.submitNetting(
            1, netting.before, netting.after, netting.proof.contract_proof(), sender=admin
        )


def test_close_round__current__frozen_and_emitted(netting, admin):
    d = netting.dutility

    tx = d.closeRound(1, sender=admin)

    assert tx.events == [d.RoundClosed(1)]
    assert d.roundClosed() is True


def test_close_round__twice__reverts(netting, admin):
    netting.dutility.closeRound(1, sender=admin)

    with ape.reverts(netting.dutility.DUtilityRoundClosed, round=1):
        netting.dutility.closeRound(1, sender=admin)


def test_close_round__not_current__reverts(netting, admin):
    with ape.reverts(netting.dutility.DUtilityWrongRound, expected=1, given=2):
        netting.dutility.closeRound(2, sender=admin)


def test_close_round__by_household__reverts(netting):
    # A household cannot freeze the others out of committing.
    d, member = netting.dutility, netting.members[0]
    with ape.reverts(
        d.AccessControlUnauthorizedAccount, account=member.address, neededRole=d.NETTING_ROLE()
    ):
        d.closeRound(1, sender=member)


@pytest.mark.parametrize("excess", [0, 1, 2**256 - 1 - zk.FIELD_MODULUS])
def test_attack__commitment_outside_the_field__reverts(netting, excess):
    d, attacker = netting.dutility, netting.members[1]
    commitment = zk.FIELD_MODULUS + excess

    with ape.reverts(
        d.DUtilityCommitmentOutOfField, household=attacker.address, commitment=commitment
    ):
        d.commitBalance(attacker, commitment, sender=attacker)

    assert d.commitmentOf(attacker) == netting.before[1]  # the provable commitment stays


def test_commit_balance__largest_field_element__accepted(netting):
    member = netting.members[0]
    netting.dutility.commitBalance(member, zk.FIELD_MODULUS - 1, sender=member)
    assert netting.dutility.commitmentOf(member) == zk.FIELD_MODULUS - 1


def test_attack__unopenable_commitment__round_goes_ahead_without_it(netting, admin):
    """The attacker replaces its commitment with one nobody can open before the cut-off; the
    netting entity leaves it out (zero seat) and nets the victim alone."""
    d, victim, attacker = netting.dutility, netting.members[0], netting.members[1]
    garbage = zk.random_salt() or 1
    d.commitBalance(attacker, garbage, sender=attacker)
    d.closeRound(1, sender=admin)

    tx = submit(
        netting,
        before=netting.partial_before,
        after=netting.partial_after,
        proof=netting.partial_proof.contract_proof(),
    )

    statement_ = statement(1, netting.partial_before, netting.partial_after)
    assert tx.events == [d.NettingSkipped(1, attacker), d.NettingSuccess(1, 1, statement_)]
    assert d.commitmentOf(victim) == netting.partial_after[0]
    assert d.commitmentOf(attacker) == garbage  # unchanged: it loses nothing, gains nothing
    assert d.currentRound() == 2


def test_submit_netting__left_out_household_claimed_by_forged_after__reverts(netting):
    # A zero before-seat must keep a zero after-commitment: the circuit enforces it.
    forged_after = [netting.partial_after[0], netting.after[1]]
    with ape.reverts(netting.dutility.DUtilityInvalidProof, round=1):
        submit(
            netting,
            before=netting.partial_before,
            after=forged_after,
            proof=netting.partial_proof.contract_proof(),
        )


def test_submit_netting__list_lengths_differ_from_households__reverts(netting):
    with ape.reverts(
        netting.dutility.DUtilityLengthMismatch, households=2, beforeLength=2, afterLength=1
    ):
        submit(netting, after=netting.after[:1])


def test_submit_netting__verifier_disabled__reverts(netting, admin):
    netting.dutility.setVerifier(2, ape.utils.ZERO_ADDRESS, sender=admin)

    with ape.reverts(netting.dutility.DUtilityNoVerifier, seats=2):
        submit(netting)


def test_submit_netting__by_outsider__reverts(netting, outsider):
    with ape.reverts(
        netting.dutility.AccessControlUnauthorizedAccount,
        account=outsider.address,
        neededRole=netting.dutility.NETTING_ROLE(),
    ):
        submit(netting, sender=outsider)


def test_verifier__round_input_changed__rejects_proof(netting):
    proof, inputs = netting.proof.contract_proof(), list(netting.proof.inputs)

    assert netting.verifier.verifyTx(proof, inputs) is True
    assert netting.verifier.verifyTx(proof, [2, *inputs[1:]]) is False


def test_commit_balance__by_meter__stored_and_emitted(netting, admin, meter):
    d, member = netting.dutility, netting.members[0]
    d.grantRole(d.METER_ROLE(), meter, sender=admin)

    tx = d.commitBalance(member, 777, sender=meter)

    assert tx.events == [d.CommitmentPosted(member, 1, 777)]
    assert d.commitmentOf(member) == 777


def test_commit_balance__by_other_account__reverts(netting, outsider):
    d = netting.dutility
    with ape.reverts(
        d.AccessControlUnauthorizedAccount, account=outsider.address, neededRole=d.METER_ROLE()
    ):
        d.commitBalance(netting.members[0], 1, sender=outsider)


def test_commit_balance__zero__reverts(netting):
    member = netting.members[0]
    with ape.reverts(netting.dutility.DUtilityZeroCommitment, household=member.address):
        netting.dutility.commitBalance(member, 0, sender=member)


def test_commit_balance__unknown_household__reverts(netting, outsider):
    with ape.reverts(netting.dutility.DUtilityUnknownHousehold, household=outsider.address):
        netting.dutility.commitBalance(outsider, 1, sender=outsider)


def test_add_household__twice__reverts(netting, admin):
    member = netting.members[0]
    with ape.reverts(netting.dutility.DUtilityHouseholdExists, household=member.address):
        netting.dutility.addHousehold(member, sender=admin)


def test_add_household__zero_address__reverts(netting, admin):
    with ape.reverts(netting.dutility.DUtilityZeroAddress):
        netting.dutility.addHousehold(ape.utils.ZERO_ADDRESS, sender=admin)


def test_remove_household__first__later_seats_move_up(netting, admin, households):
    d = netting.dutility
    d.addHousehold(households[2], sender=admin)

    tx = d.removeHousehold(netting.members[0], sender=admin)

    assert tx.events == [d.HouseholdRemoved(netting.members[0])]
    assert [d.householdAt(i) for i in range(d.householdCount())] == [
        netting.members[1],
        households[2],
    ]
    assert d.commitmentOf(netting.members[0]) == 0


def test_remove_household__unknown__reverts(netting, admin, outsider):
    with ape.reverts(netting.dutility.DUtilityUnknownHousehold, household=outsider.address):
        netting.dutility.removeHousehold(outsider, sender=admin)


@pytest.mark.parametrize("seats", [0, 1, 3, 12, 2**17])
def test_set_verifier__size_not_a_power_of_two_in_range__reverts(netting, admin, seats):
    with ape.reverts(netting.dutility.DUtilityInvalidSeats, seats=seats):
        netting.dutility.setVerifier(seats, netting.verifier, sender=admin)


def test_set_verifier__by_admin__registered_and_emitted(netting, admin):
    d = netting.dutility

    tx = d.setVerifier(4, netting.verifier, sender=admin)

    assert tx.events == [d.VerifierSet(4, netting.verifier)]
    assert d.verifierOf(4) == netting.verifier.address


@pytest.mark.parametrize(("count", "seats"), [(1, 2), (2, 2), (3, 4), (5, 8), (16, 16)])
def test_seats_for__community_size__smallest_power_of_two(netting, count, seats):
    assert netting.dutility.seatsFor(count) == seats == zk.seats_for(count)


def test_constructor__zero_admin__reverts(admin, project):
    with ape.reverts(project.DUtility.DUtilityZeroAddress):
        admin.deploy(project.DUtility, ape.utils.ZERO_ADDRESS)


def test_deploy_dutility__demo_keys_off_development_chain__refused(admin):
    with pytest.raises(deploy.DemoKeysError, match=r"^NettingVerifier2 has the demo trusted setup"):
        deploy.deploy_dutility(admin, seats=(2,), chain_id=11155111)  # Sepolia


@pytest.mark.parametrize("chain_id", [1337, 31337])
def test_check_keys__demo_keys_on_development_chain__allowed(chain_id):
    deploy.check_keys(2, chain_id)  # raises DemoKeysError otherwise
