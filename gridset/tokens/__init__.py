"""Token helpers (WATT issuance against attested reserves)."""
