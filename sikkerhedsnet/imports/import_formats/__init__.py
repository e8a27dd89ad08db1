"""The import formats of the imports area itself: units.csv and children.csv."""
