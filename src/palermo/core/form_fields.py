"""Select boxes of names (States, organisations) in the alphabetical order of the reader's language.

A model's choices come from the database in its default ordering, which knows neither the reader's
language nor its alphabet; these fields sort their labels with `palermo.core.collation` instead. Every
form field offering States uses them (a test walks every form of the app).
"""

from django import forms
from django.forms.models import ModelChoiceIterator

from palermo.core.collation import collated


class CollatedChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from collated(choices, key=lambda choice: str(choice[1]))


class CollatedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose choices are sorted by their labels as the active language sorts."""

    iterator = CollatedChoiceIterator


class CollatedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField whose choices are sorted by their labels as the active language sorts."""

    iterator = CollatedChoiceIterator
