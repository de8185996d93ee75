from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.core.form_fields import CollatedModelChoiceField
from palermo.register.models import Instrument, Party
from palermo.review.domain.draw import Rules
from palermo.review.models import ReviewRole


class CycleForm(forms.Form):
    number = forms.IntegerField(label=_("Cycle number"), min_value=1, max_value=99)
    reference_date = forms.DateField(
        label=_("Reference date"),
        help_text=_("Parties on this date are drawn into groups; later ones join as late joiners."),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    first_year = forms.IntegerField(label=_("Year group 1 starts"), min_value=2000, max_value=2100)
    groups = forms.IntegerField(label=_("Groups"), min_value=1, max_value=10, initial=3)
    max_reviews_per_year = forms.IntegerField(
        label=_("Most reviews per reviewing State and year"), min_value=1, max_value=20, initial=3
    )
    redraws_allowed = forms.IntegerField(
        label=_("Redraws a State under review may ask for"), min_value=0, max_value=10, initial=2
    )
    no_reciprocal_reviews = forms.BooleanField(
        label=_("No reciprocal reviews (A reviews B and B reviews A)"), required=False, initial=True
    )
    balance_regional_groups = forms.BooleanField(
        label=_("Balance the regional groups across the groups"), required=False, initial=True
    )
    outside_regional_groups = forms.ChoiceField(
        label=_("Parties outside every regional group (the European Union)"),
        choices=[
            ("other_group_only", _("Reviewed and reviewing, in other-group slots only")),
            ("not_reviewed", _("Not part of the draw")),
        ],
    )
    late_joiners = forms.ChoiceField(
        label=_("Parties that join after the reference date"),
        choices=[
            ("last_group", _("Reviewed in the last group")),
            ("next_cycle", _("Reviewed in the next cycle")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference_date"].initial = timezone.localdate()
        self.fields["first_year"].initial = timezone.localdate().year + 1

    def rules(self) -> Rules:
        names = [
            "groups",
            "max_reviews_per_year",
            "redraws_allowed",
            "no_reciprocal_reviews",
            "balance_regional_groups",
            "outside_regional_groups",
            "late_joiners",
        ]
        return Rules.from_dict({name: self.cleaned_data[name] for name in names})


class DrawForm(forms.Form):
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**62,
        help_text=_("Leave empty for a random seed. It is published with the draw."),
    )


class RedrawForm(DrawForm):
    state_under_review = CollatedModelChoiceField(Party.objects.all(), label=_("State under review"))
    reviewer = CollatedModelChoiceField(Party.objects.all(), label=_("Reviewing State to replace"))
    reason = forms.CharField(label=_("Reason (published)"), widget=forms.Textarea(attrs={"rows": 3}))


class ClusterForm(forms.Form):
    """One field per instrument: the article numbers, separated by commas."""

    source = forms.CharField(
        label=_("Source of the correction"),
        help_text=_("For example: CTOC/COP/2018/13, resolution 9/1, appendix"),
        max_length=500,
    )

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        titles = {i.code: i.local_short_title for i in Instrument.objects.filter(code__in=cluster.articles)}
        for code, entry in cluster.articles.items():
            self.fields[f"articles_{code}"] = forms.CharField(
                label=titles.get(code, code), required=False, initial=", ".join(entry.get("articles", []))
            )

    def articles(self) -> dict[str, list[str]]:
        return {
            name.removeprefix("articles_"): [n.strip() for n in value.split(",") if n.strip()]
            for name, value in self.cleaned_data.items()
            if name.startswith("articles_")
        }


class AppointForm(forms.Form):
    """Appoint a person to a review: for which State and in which role (the pairs the user may appoint)."""

    party_role = forms.ChoiceField(label=_("For the State, as"))
    email = forms.EmailField(label=_("Email address of the person"))

    def __init__(self, *args, choices: list[tuple[str, str]], names: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReviewRole.choices)
        self.fields["party_role"].choices = [
            (f"{party}:{role}", f"{names.get(party, party)} — {labels[role]}") for party, role in choices
        ]
