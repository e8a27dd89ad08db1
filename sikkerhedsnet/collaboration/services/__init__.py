"""Writes of the collaboration area: dialogue meetings and unit plans, and meetings."""
