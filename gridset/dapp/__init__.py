"""The dApp's Python side: a development community on anvil (``devchain``) and the static
server of the built page (``serve``). The page itself lives in ``web/``."""
