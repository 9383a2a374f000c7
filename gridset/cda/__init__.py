"""The continuous double auction (intraday market): deployment and operations helpers (its
matching rule's reference model is :mod:`gridset.reference.cda`)."""
