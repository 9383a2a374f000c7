"""Off-chain references of the market's rules (clearing), shared by tests, tools and reports."""
