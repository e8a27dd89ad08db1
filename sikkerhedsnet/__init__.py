"""Sikkerhedsnet: the safety net under all children."""
