"""Writes of the measures area."""
