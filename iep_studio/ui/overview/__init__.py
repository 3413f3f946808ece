"""The school and district overview window (Teaching → Overview): counts, the children
needing attention, the regulation's checks and the district's figures, each figure row
opening the list of children behind it. The figures come from core/services/overview.py;
these modules only lay them out."""
