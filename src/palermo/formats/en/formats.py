# English dates as UN documents write them: 14 March 2015; times on the 24-hour clock with their zone (no
# "a.m.", whose period doubles at the end of a sentence). One format per language everywhere: the short
# formats are the long ones (docs/development.md, "Numbers and dates"). Machine-read dates (CSV, JSON, API,
# <time datetime>, <input type="date">) stay ISO 8601.
from django.conf.locale.en.formats import DATE_INPUT_FORMATS as LANGUAGE_DATE_INPUTS

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i T"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT

# What a date input holds and reads first: ISO 8601, the only form <input type="date"> reads and sends
# (Django's input formats of the language, "14/03/2015", emptied it); the language's own forms are read too.
DATE_INPUT_FORMATS = ["%Y-%m-%d", *(f for f in LANGUAGE_DATE_INPUTS if f != "%Y-%m-%d")]
