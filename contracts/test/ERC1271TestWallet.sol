// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271TestWallet — test only: a smart-contract wallet whose owner's ECDSA signature
/// counts as the wallet's (ERC-1271), and which approves tokens on its owner's order.
contract ERC1271TestWallet is IERC1271 {
    address private immutable _owner;

    /// @notice The caller is not the wallet's owner.
    error ERC1271TestWalletNotOwner(address caller);

    constructor(address owner_) {
        _owner = owner_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(hash, signature);
        bool valid = error == ECDSA.RecoverError.NoError && signer == _owner;
        return valid ? IERC1271.isValidSignature.selector : bytes4(0xffffffff);
    }

    /// @notice Approve `spender` for `amount` of the wallet's `token` (owner only).
    function approve(IERC20 token, address spender, uint256 amount) external {
        if (msg.sender != _owner) revert ERC1271TestWalletNotOwner(msg.sender);
        token.approve(spender, amount);
    }
}
