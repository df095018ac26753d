"""Date and number formats per language, where Django's own do not suit Davor's users.

English is British here: day before month and a 24-hour clock, as Davor's
English-speaking users (in Europe) read them, and as the typed date fields
(``davor.lib.datetimes``) take them.
"""
