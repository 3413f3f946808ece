"""Progress toward objectives: trials and prompt levels, per-session points, mastery,
stalled and no-data rules. Pure functions over plain data: no database, no Qt."""
