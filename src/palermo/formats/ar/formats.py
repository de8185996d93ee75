# 14 مارس 2015; 14 مارس 2015، 06:40 UTC, with the digits 0-9 as UN Arabic documents write them
# (see formats/en/formats.py).
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i T"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT

# What a date input holds and reads first: ISO 8601, the only form <input type="date"> reads and sends.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
