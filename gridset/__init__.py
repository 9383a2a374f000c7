"""GridSet tooling: energy profiles, deployment, agents, simulation, netting and reports."""
