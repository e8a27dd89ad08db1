"""Pages of the screening area, one module per sub-area (views/<area>.py)."""
