"""The casework pages: the child assessment, Signs of Safety and the child's plan."""
