"""Moving a student's whole file to another school in one file (.iepstudent).

package.py is the file format, read and built; it reads the bytes within limits with
archive.py, opens a password's seal with sealing.py, checks every record with checking.py
(and rules.py, documents.py) and says what is wrong with faults.py; contents.py lists the
tables a file carries. export.py gathers a student's records into it, import_.py previews
a file and writes it into a school here.
"""
