"""Reads of the screening area, one module per sub-area (selectors/<area>.py)."""
