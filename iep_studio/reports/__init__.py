"""Documents teachers hand out: built once as a neutral model (document.py) and rendered
twice, to .pdf (pdf.py, reportlab) and .docx (word.py, python-docx). No Qt here: the same
code runs from the window and from the command line."""
