"""The collaboration area's sections of the child's page: dialogue and plans, meetings."""
