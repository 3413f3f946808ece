"""Item-level assessment: instruments as data, scores, and what they say about a child."""
