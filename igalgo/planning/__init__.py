"""When, how often and where to post on one surface: slot values, frequency, placement."""
