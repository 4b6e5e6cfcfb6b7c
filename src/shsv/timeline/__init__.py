"""Where every programme stands on a given day.

records --build--> items --status(item, as_of)--> view --> table | json | ics
"""
