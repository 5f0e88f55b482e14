"""Offline places to eat: OpenStreetMap import into SQLite and distance-sorted search."""
