"""Energy Broker tooling: deployment, quotes, swaps and liquidity from Python.

``gridset.broker.deploy`` deploys factory, router, rate provider and pool; ``gridset.broker.ops``
quotes and trades through the router (used by ``scripts/broker.py`` and the simulation);
``gridset.broker.units`` converts fees, rates and prices.
"""
