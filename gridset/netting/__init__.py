"""Household netting: the seed's on-chain ``Utility`` and the ZoKrates-verified ``DUtility``
(the netting algorithm, the one reference implementation, is :mod:`gridset.reference.netting`).

Modules:

- :mod:`~gridset.netting.zk`: commitments, witnesses and proofs via ``zk/zokrates.mjs``.
- :mod:`~gridset.netting.build`: compile and set up the circuits, export the verifiers.
- :mod:`~gridset.netting.deploy`: deploy Utility, DUtility and the verifiers.
- :mod:`~gridset.netting.private_round`: one private netting round end to end on a chain.
- :mod:`~gridset.netting.benchmark`: per-circuit figures for ``benchmarks/zk.json``.
"""
