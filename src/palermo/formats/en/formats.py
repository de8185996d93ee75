# English dates the way UN documents write them: 14 March 2015.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
