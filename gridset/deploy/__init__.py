"""Deployment: parameters, the suite's contracts and their wiring, role hand-over, address book."""
