"""`ape run netting_ceremony <init|contribute|beacon|verify|export> --seats N`: the netting
circuits' multi-party trusted setup (no chain needed; see :mod:`gridset.netting.ceremony`)."""

from gridset.netting.ceremony import cli

__all__ = ["cli"]
