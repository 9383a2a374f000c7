"""Offline toolchain: the Solidity compiler bridge and the project's set-up helpers."""
