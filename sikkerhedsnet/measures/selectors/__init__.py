"""The reads of the measures area, one module per sub-area."""
