"""The continuous double auction (intraday market): deployment helper and Python reference."""
