"""Moving a student's whole file to another school in one file (.iepstudent).

package.py is the file format and its checks, export.py gathers a student's records into
it, import_.py previews a file and writes it into a school here.
"""
