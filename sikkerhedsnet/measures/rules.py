"""Placeholder until the measures work fills it in."""
