"""Forms for entering entities of the common FtM schemata: a curated list of useful properties per schema,
each value checked by FtM's own type (a date FtM reads, a country it knows, an IBAN…); a property that
points at another entity chooses one of the investigation's entities."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from followthemoney.types import registry

from palermo.networks.ftm.model import EXTENSION_SCHEMATA, model
from palermo.networks.interfaces.schema_labels import (
    country_choices,
    property_label,
    schema_label,
    translated,
)
from palermo.networks.models import Entity, Investigation

# The properties offered per schema, in the order shown (FtM has many more; imports carry the rest).
CURATED: dict[str, list[str]] = {
    "Person": [
        "name",
        "firstName",
        "lastName",
        "alias",
        "birthDate",
        "birthPlace",
        "nationality",
        "gender",
        "idNumber",
        "passportNumber",
        "email",
        "phone",
        "address",
        "notes",
    ],
    "Company": [
        "name",
        "alias",
        "jurisdiction",
        "registrationNumber",
        "taxNumber",
        "incorporationDate",
        "address",
        "email",
        "phone",
        "website",
        "notes",
    ],
    "Organization": ["name", "alias", "country", "legalForm", "registrationNumber", "address", "notes"],
    "BankAccount": [
        "iban",
        "accountNumber",
        "bic",
        "bankName",
        "bank",
        "country",
        "currency",
        "openingDate",
        "closingDate",
        "notes",
    ],
    "CryptoWallet": ["publicKey", "currency", "blockchain", "holder", "managingExchange", "balance", "notes"],
    "Passport": [
        "number",
        "holder",
        "country",
        "type",
        "startDate",
        "endDate",
        "authority",
        "surname",
        "givenName",
        "birthDate",
    ],
    "Address": ["full", "street", "city", "postalCode", "region", "country"],
    "Vehicle": [
        "name",
        "type",
        "model",
        "registrationNumber",
        "country",
        "owner",
        "operator",
        "buildDate",
        "notes",
    ],
    "CourtCase": [
        "name",
        "caseNumber",
        "court",
        "country",
        "category",
        "status",
        "fileDate",
        "closeDate",
        "notes",
    ],
    "Ownership": ["owner", "asset", "percentage", "role", "startDate", "endDate"],
    "Directorship": ["director", "organization", "role", "startDate", "endDate"],
    "Membership": ["member", "organization", "role", "startDate", "endDate"],
    "Family": ["person", "relative", "relationship", "startDate", "endDate"],
    "Associate": ["person", "associate", "relationship", "startDate", "endDate"],
    "CaseRole": [
        "party",
        "case",
        "caseRole",
        "identityProtected",
        "protectionMeasures",
        "protectionBasis",
        "startDate",
        "endDate",
    ],
    "AssetMeasure": ["asset", "measureType", "authority", "case", "date", "amount", "currency"],
}
FORM_SCHEMATA = [name for name in CURATED if name in model.schemata]
# How many entities an entity field lists before the user searches.
CHOICES_SHOWN = 50
PICK_SCAN = 2000


def schema_choices() -> list[tuple[str, str]]:
    """The schemata with a form, labelled in the reader's language (things, then relationships)."""
    things = [name for name in FORM_SCHEMATA if not model.get(name).edge and name not in EXTENSION_SCHEMATA]
    others = [name for name in FORM_SCHEMATA if name not in things]
    return [(name, schema_label(model.get(name))) for name in [*things, *others]]


def form_properties(schema_name: str) -> list:
    schema = model.get(schema_name)
    names = CURATED.get(schema_name) or [*schema.featured, *schema.required]
    found = []
    for name in dict.fromkeys(names):
        prop = schema.get(name)
        if prop is not None and not prop.stub and not prop.hidden:
            found.append(prop)
    return found


def range_schemata(prop) -> list[str]:
    """The names of the schemata an entity property may point at."""
    return (
        sorted(schema.name for schema in prop.range.descendants | {prop.range} if not schema.abstract)
        if (prop.range is not None)
        else []
    )


def entity_choices(investigation: Investigation, prop, *, query: str = "", selected: str = "") -> list:
    """Up to CHOICES_SHOWN entities of the investigation the property may point at, newest first, those
    whose name contains `query` when given, and the selected one."""
    allowed = set(range_schemata(prop))
    entities = Entity.objects.filter(investigation=investigation).only("entity_id", "caption", "schema")
    if query:
        entities = entities.filter(caption__icontains=query.strip())
    # Scanning the newest rows (primary key order) and keeping the allowed schemata stays fast at a
    # million entities, where filtering on dozens of schemata first would sort them all.
    found = [entity for entity in entities.order_by("-id")[:PICK_SCAN] if entity.schema in allowed]
    found = found[:CHOICES_SHOWN]
    if selected and all(entity.entity_id != selected for entity in found):
        chosen = Entity.objects.filter(investigation=investigation, entity_id=selected).first()
        if chosen is not None and chosen.schema in allowed:
            found.insert(0, chosen)
    return [
        (entity.entity_id, f"{entity.caption} — {schema_label(model.get(entity.schema))}") for entity in found
    ]


class EntityForm(forms.Form):
    """One field per curated property of the schema; `new` requires FtM's required properties."""

    def __init__(self, *args, investigation: Investigation, schema_name: str, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.investigation = investigation
        self.schema = model.get(schema_name)
        self.new = new
        self.properties = {prop.name: prop for prop in form_properties(schema_name)}
        self.entity_fields = {name for name, prop in self.properties.items() if prop.type == registry.entity}
        for name, prop in self.properties.items():
            self.fields[name] = self._field(prop)

    def _field(self, prop) -> forms.Field:
        required = self.new and prop.name in self.schema.required
        label = property_label(prop)
        help_text = translated(prop._description) if prop._description else ""
        if prop.type == registry.entity:
            selected = str(self.data.get(prop.name, "")) if self.is_bound else ""
            choices = [("", "—"), *entity_choices(self.investigation, prop, selected=selected)]
            return forms.ChoiceField(
                label=label,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        if prop.type == registry.country:
            return forms.ChoiceField(label=label, required=required, choices=[("", "—"), *country_choices()])
        if prop.type == registry.gender:
            return forms.ChoiceField(label=label, required=required, choices=_names(registry.gender.names))
        if prop.type == registry.date:
            return forms.CharField(
                label=label,
                required=required,
                max_length=30,
                help_text=_("Year, year and month, or a full date: 1978, 1978-04, 1978-04-12."),
                widget=forms.TextInput(attrs={"placeholder": "YYYY-MM-DD", "inputmode": "numeric"}),
            )
        widget = (
            forms.Textarea(attrs={"rows": 3, "dir": "auto"})
            if prop.type == registry.text
            else (forms.TextInput(attrs={"dir": "auto"}))
        )
        return forms.CharField(
            label=label,
            required=required,
            max_length=prop.max_length or 5000,
            help_text=help_text,
            widget=widget,
        )

    def clean(self):
        cleaned = super().clean()
        proxy = model.make_entity(self.schema.name)
        proxy.id = "form-check"
        values: dict[str, list[str]] = {}
        for name, prop in self.properties.items():
            raw = (cleaned.get(name) or "").strip()
            if not raw:
                continue
            value = prop.type.clean(raw, format=prop.format, proxy=proxy)
            if value is None:
                # A formatted identifier (IBAN, BIC…) is named by its property, other values by their type.
                kind = property_label(prop) if prop.format else translated(prop.type.label)
                self.add_error(name, _("Not a valid %(type)s.") % {"type": kind})
                continue
            values[name] = [value]
        if not values and not self.errors:
            raise forms.ValidationError(_("Enter at least one value."))
        self.values = values
        return cleaned


def _names(names: dict) -> list[tuple[str, str]]:
    labelled = sorted(
        ((code, translated(str(label))) for code, label in names.items()), key=lambda pair: pair[1]
    )
    return [("", "—"), *labelled]


class SchemaChoiceForm(forms.Form):
    schema = forms.ChoiceField(label=gettext_lazy("Kind of entity"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schema"].choices = schema_choices()
