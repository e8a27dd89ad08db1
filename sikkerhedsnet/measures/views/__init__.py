"""The pages of the measures area, one module per sub-area."""
