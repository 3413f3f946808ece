"""Small pieces every window uses: fields with their error line, dialogs, the record table."""
