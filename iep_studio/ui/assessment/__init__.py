"""Scoring an instrument item by item, the profile over time, and drafting the plan."""
