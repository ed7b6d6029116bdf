"""Kinds of schedule: a payload and a handler each; core.kinds.registry lists them."""
