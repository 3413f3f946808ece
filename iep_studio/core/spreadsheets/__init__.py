"""Spreadsheets in and out: the lists schools and districts keep in Excel (.xlsx) or CSV.

reading.py reads one sheet of a file, bounded, and says plainly why a file cannot be read;
roster.py recognises a student list's columns and turns its cells into a file's fields;
writing.py writes a table to .xlsx (the student list, the school and district view's
tables). The spreadsheet library is imported inside the functions that need it: the
window and the commands start without it.
"""
