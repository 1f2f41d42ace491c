"""Generators of docs/formats.md and the parameter table, and what only they need."""
