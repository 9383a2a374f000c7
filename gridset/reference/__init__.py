"""Reference models: each contract rule of our own written once in plain integer Python, from
the spec and not from the contracts. Property tests run the contracts against them; tools, the
simulation and reports use them wherever they need the rule off chain.

Modules (one per area):

- :mod:`~gridset.reference.clearing`: EnergyMarket's batch-auction clearing (volume, clearing
  tick, marginal fills, cash flows) and the price grid.
- :mod:`~gridset.reference.cda`: CdaMarket's continuous matching (price, zone fee, time
  priority) and its grid fees.
- :mod:`~gridset.reference.netting`: the netting of ``Utility.settle()`` and of the private
  (ZoKrates-proven) rounds.
- :mod:`~gridset.reference.broker`: the broker pool's formulas (constant product as Uniswap V2,
  constant sum as the energy-broker pallet), amounts in and out.
- :mod:`~gridset.reference.oracle`: EnergyOracle's acceptance rule (median of a quorum).
"""
