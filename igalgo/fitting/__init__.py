"""Learning an account's parameters from its own published posts, and how well they predict."""
