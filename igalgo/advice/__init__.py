"""What to change and how the account stands: drivers, the strategy checklist, their wording."""
