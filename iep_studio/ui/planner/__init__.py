"""The resource room's rhythm: the week planner, its dialogs, and recording what each student did."""
