"""The LEG gateway: the seed's marketplace API over HTTP for one hub's account.

Layout (FastAPI's "bigger applications"): :mod:`.app` (factory and lifespan), one router per
resource in :mod:`.routers`, request/response models in :mod:`.schemas`, settings from the
environment in :mod:`.settings`, the event index (SQLAlchemy 2 + Alembic) in :mod:`.db` and
:mod:`.indexer`, and the chain connection (Ape) in :mod:`.chain`.
"""
