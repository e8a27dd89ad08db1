"""Writes of the screening area, one module per kind of screening (services/<thing>.py)."""
