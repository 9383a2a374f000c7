"""The market seen from Python: a driver of slots on a local chain (the clearing rule's reference
model is :mod:`gridset.reference.clearing`)."""
