"""Filled in by the collaboration work in progress."""
