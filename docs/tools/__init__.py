"""Generators of docs/formats.md, the parameter table and docs/schema/, and what only they need."""
