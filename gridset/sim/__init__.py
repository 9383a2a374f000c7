"""The community simulation: a discrete-event run of one day on a chain, in pluggable modules."""
