"""Who may use the app: signing in, accounts, and the backups."""
