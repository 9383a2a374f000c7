"""The LEG marketplace (issue 14): hubs trading compute, storage and heat on chain, and the
gateway service that serves the seed's API over HTTP."""
