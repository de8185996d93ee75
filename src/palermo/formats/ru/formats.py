# 14 марта 2015 года; 14 марта 2015 года, 06:40 UTC (see formats/en/formats.py). E: the month in the
# genitive. Not the abbreviation with a period: it doubles at the end of a sentence.
from django.conf.locale.ru.formats import DATE_INPUT_FORMATS as LANGUAGE_DATE_INPUTS

DATE_FORMAT = "j E Y года"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y года, H:i T"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT

# What a date input holds and reads first: ISO 8601, the only form <input type="date"> reads and sends
# (Django's input formats of the language, "14/03/2015", emptied it); the language's own forms are read too.
DATE_INPUT_FORMATS = ["%Y-%m-%d", *(f for f in LANGUAGE_DATE_INPUTS if f != "%Y-%m-%d")]
