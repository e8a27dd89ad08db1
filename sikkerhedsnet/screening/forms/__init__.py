"""Forms of the screening area, one module per sub-area (forms/<area>.py)."""
