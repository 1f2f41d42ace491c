"""One module per Instagram ranking algorithm: Feed & Stories, Explore, Reels."""
