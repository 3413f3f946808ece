"""Documents to hand out: the export dialog and the school's own touches."""
