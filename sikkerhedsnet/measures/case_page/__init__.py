"""The measures area's sections of the case page: measures and placements, follow-up."""
