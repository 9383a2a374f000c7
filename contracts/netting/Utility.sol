// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SignedMath} from "@openzeppelin/contracts/utils/math/SignedMath.sol";
import {IUtility} from "../../interfaces/IUtility.sol";
import {UtilityBase} from "./UtilityBase.sol";

/// @title Utility — on-chain netting of household renewable balances (seed milestone one)
/// @notice See {IUtility}. Gas: `settle()` reads each household once, nets in memory, writes each
/// changed balance once and stores each deed in two slots.
contract Utility is UtilityBase, IUtility {
    /// @notice May run `settle()` and compensate any household.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @dev A deed in two slots; amounts fit int96 because a transfer never exceeds the
    /// |balance| of one household, and balances are int88.
    struct StoredDeed {
        address producer;
        int96 renewableEnergyTransferred;
        address consumer;
        int96 nonRenewableEnergyTransferred;
    }

    /// @dev Working state of one settlement, in memory. `more`: producers give to consumers
    /// (the community total is > 0); otherwise consumers claim from producers.
    struct Netting {
        address[] households;
        int256[] balances;
        bool more;
        uint256 deedBase;
        uint256 deeds;
    }

    /// @dev Households (indices into `Netting.households`, in order) with balances of one sign;
    /// `total` is the sum of their |balances|, Ws.
    struct Group {
        uint256[] members;
        uint256 count;
        uint256 total;
    }

    mapping(uint256 blockNumber => mapping(uint256 index => StoredDeed)) private _deeds;
    mapping(uint256 blockNumber => uint256 count) private _deedCounts;

    /// @param admin Receives DEFAULT_ADMIN_ROLE and OPERATOR_ROLE.
    constructor(address admin) UtilityBase(admin) {
        _grantRole(OPERATOR_ROLE, admin);
    }

    /// @inheritdoc IUtility
    function settle() external whenActive onlyRole(OPERATOR_ROLE) returns (bool) {
        address[] memory households = _households;
        uint256 n = households.length;
        int256[] memory balances = new int256[](n);
        Group memory consumers = Group(new uint256[](n), 0, 0);
        Group memory producers = Group(new uint256[](n), 0, 0);
        for (uint256 i; i < n; ++i) {
            int256 balance = _data[households[i]].renewable.balance;
            balances[i] = balance;
            if (balance < 0) {
                consumers.members[consumers.count++] = i;
                consumers.total += SignedMath.abs(balance);
            } else if (balance > 0) {
                producers.members[producers.count++] = i;
                producers.total += SignedMath.abs(balance);
            }
        }
        // available = producers.total, needed = -consumers.total
        // (= totalRenewableEnergy - available: totals are sums over households).
        bool more = producers.total > consumers.total;
        Netting memory netting = Netting(households, balances, more, _deedCounts[block.number], 0);
        if (more) {
            _distribute(netting, producers, consumers);
        } else {
            _distribute(netting, consumers, producers);
        }

        _storeBalances(netting, consumers);
        _storeBalances(netting, producers);
        if (netting.deeds != 0) _deedCounts[block.number] = netting.deedBase + netting.deeds;
        emit Settled(block.number, netting.deeds);
        if (!more) {
            for (uint256 k; k < consumers.count; ++k) {
                int256 balance = balances[consumers.members[k]];
                if (balance < 0) {
                    emit RequestNonRenewableEnergy(households[consumers.members[k]], -balance);
                }
            }
        }
        return true;
    }

    /// @inheritdoc IUtility
    function compensateEnergy(address household) external whenActive returns (bool) {
        Household storage h = _data[household];
        int88 renewable = h.renewable.balance;
        int88 nonRenewable = h.nonRenewable.balance;
        if (!h.renewable.open) revert UtilityUnknownHousehold(household);
        if (msg.sender != household) _checkRole(OPERATOR_ROLE);
        bool toRenewable = renewable < 0 && nonRenewable > 0;
        if (!toRenewable && !(renewable > 0 && nonRenewable < 0)) return false;
        // Both magnitudes are below 2^87, so the smaller one fits int88.
        int88 energy =
            int88(int256(Math.min(SignedMath.abs(renewable), SignedMath.abs(nonRenewable))));
        // Both balances move toward zero by at most their magnitude: no overflow.
        if (toRenewable) {
            h.renewable.balance = renewable + energy;
            h.nonRenewable.balance = nonRenewable - energy;
        } else {
            h.renewable.balance = renewable - energy;
            h.nonRenewable.balance = nonRenewable + energy;
        }
        emit EnergyCompensated(household, energy, toRenewable);
        return true;
    }

    /// @inheritdoc IUtility
    function deedsLength(uint256 blockNumber) external view returns (uint256) {
        return _deedCounts[blockNumber];
    }

    /// @inheritdoc IUtility
    function getDeed(uint256 blockNumber, uint256 index) external view returns (Deed memory) {
        uint256 length = _deedCounts[blockNumber];
        if (index >= length) revert UtilityDeedOutOfRange(blockNumber, index, length);
        StoredDeed memory d = _deeds[blockNumber][index];
        return Deed(d.producer, d.consumer, d.renewableEnergyTransferred, d.nonRenewableEnergyTransferred);
    }

    /// @dev The seed's proportional distribution: each x of group `a` takes its truncated
    /// integer percentage of `a.total`, applied to `b.total`, from the households of group `b`,
    /// walking `b` in order from a needle. The seed also advanced the needle when the partial
    /// transfer left y at zero; that cannot happen (the partial branch needs |y| > prop), so that
    /// step is omitted.
    function _distribute(Netting memory netting, Group memory a, Group memory b) private {
        int256[] memory balances = netting.balances;
        uint256 needle;
        for (uint256 i; i < a.count; ++i) {
            uint256 x = a.members[i];
            uint256 factor = SignedMath.abs(balances[x]) * 100 / a.total;
            uint256 prop = b.total * factor / 100;
            for (uint256 j = needle; j < b.count; ++j) {
                uint256 y = b.members[j];
                uint256 yAbs = SignedMath.abs(balances[y]);
                if (yAbs > prop) {
                    _transfer(netting, x, y, prop);
                    break;
                }
                _transfer(netting, x, y, yAbs);
                // Cannot underflow: this branch runs only when yAbs <= prop.
                unchecked {
                    prop -= yAbs;
                }
                ++needle;
            }
        }
    }

    /// @dev Moves `amount` Ws between x (group A) and y (group B) toward zero and records a deed
    /// producer -> consumer; a zero amount records nothing.
    function _transfer(Netting memory netting, uint256 x, uint256 y, uint256 amount) private {
        if (amount == 0) return;
        (uint256 producer, uint256 consumer) = netting.more ? (x, y) : (y, x);
        // amount <= |balance| of y, which is below 2^87: the casts cannot overflow.
        int256 signedAmount = int256(amount);
        netting.balances[producer] -= signedAmount;
        netting.balances[consumer] += signedAmount;
        _deeds[block.number][netting.deedBase + netting.deeds] = StoredDeed(
            netting.households[producer], int96(signedAmount), netting.households[consumer], 0
        );
        ++netting.deeds;
    }

    /// @dev Writes back the balances of `group` that changed.
    function _storeBalances(Netting memory netting, Group memory group) private {
        for (uint256 k; k < group.count; ++k) {
            uint256 i = group.members[k];
            Account storage account = _data[netting.households[i]].renewable;
            // |balance| only shrank during netting, so it still fits int88.
            int88 balance = int88(netting.balances[i]);
            if (account.balance != balance) account.balance = balance;
        }
    }
}
