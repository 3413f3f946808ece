"""The IEP (个别化教育计划) window: its sections, goals and the goal bank, the completeness check, the team review."""
