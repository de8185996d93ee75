"""Palermo's extension of the FtM model (data/ftm-extension/, docs/networks-model.md): the vocabularies
its properties take, their labels in the interface's languages, and how an extension entity becomes the
nearest stock entity for exports that stock FtM tools must accept."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from followthemoney import EntityProxy
from followthemoney.schema import Schema

from palermo.networks.ftm.model import EXTENSION_SCHEMATA, model, stock_model

CASE_ROLES = {
    "suspect": _("suspect"),
    "accused": _("accused"),
    "convicted": _("convicted"),
    "victim": _("victim"),
    "witness": _("witness"),
    "informant": _("informant"),
    "cooperating": _("cooperating offender (art. 26)"),
    "expert": _("expert"),
}
PROTECTION_BASES = {
    "untoc-24": _("Convention art. 24: protection of witnesses"),
    "untoc-25": _("Convention art. 25: assistance to and protection of victims"),
    "untoc-26": _("Convention art. 26: cooperation with law enforcement"),
    "tip-6": _("Trafficking in Persons Protocol art. 6: assistance to and protection of victims"),
}
MEASURE_TYPES = {
    "seizure": _("seizure"),
    "freezing": _("freezing"),
    "confiscation": _("confiscation"),
}
YES_NO = {"true": _("yes"), "false": _("no")}

# Properties of the extension that take one of a closed list of values (FtM types have no enumerations).
VOCABULARIES = {
    ("CaseRole", "caseRole"): CASE_ROLES,
    ("CaseRole", "identityProtected"): YES_NO,
    ("CaseRole", "protectionBasis"): PROTECTION_BASES,
    ("AssetMeasure", "measureType"): MEASURE_TYPES,
}

# FtM's own labels are translated by FtM; these are the extension's, translated with Palermo.
SCHEMA_LABELS = {
    "CaseRole": (_("Role in a case"), _("Roles in cases")),
    "AssetMeasure": (_("Measure against an asset"), _("Measures against assets")),
    "CryptoTransfer": (_("Crypto transfer"), _("Crypto transfers")),
}
PROPERTY_LABELS = {
    "caseRole": _("Role in the case"),
    "identityProtected": _("Identity protected"),
    "protectionMeasures": _("Protection measures"),
    "protectionBasis": _("Legal basis of protection"),
    "measureType": _("Measure"),
    "asset": _("Asset"),
    "assetMeasures": _("Seizures, freezing and confiscation"),
    "caseAssetMeasures": _("Measures against assets"),
    "payerWallet": _("Sending wallet"),
    "beneficiaryWallet": _("Receiving wallet"),
    "cryptoTransfersSent": _("Crypto transfers sent"),
    "cryptoTransfersReceived": _("Crypto transfers received"),
    "transactionHash": _("Transaction hash"),
    "assetSymbol": _("Crypto asset"),
}


# Schemata captioned by a property with a closed list of values: their stored caption is a code ("seizure").
CAPTION_VOCABULARIES = {
    schema: values for (schema, prop), values in VOCABULARIES.items() if model[schema].caption[:1] == [prop]
}


def shown_caption(schema_name: str, caption: str) -> str:
    """An entity's caption as shown in the active language: a code of a closed list ("seizure") becomes
    its label ("saisie"); any other caption (a name, an address) is shown as stated."""
    values = CAPTION_VOCABULARIES.get(schema_name)
    return str(values[caption]) if values is not None and caption in values else caption


def vocabulary(schema: Schema, prop_name: str) -> dict | None:
    """The closed list of values a property takes, if it is one of the extension's."""
    for name in schema.names:
        found = VOCABULARIES.get((name, prop_name))
        if found is not None:
            return found
    return None


def schema_label(schema: Schema, plural: bool = False):
    labels = SCHEMA_LABELS.get(schema.name)
    if labels is not None:
        return labels[1 if plural else 0]
    return schema.plural if plural else schema.label


def property_label(schema: Schema, prop_name: str):
    prop = schema.get(prop_name)
    if prop is not None and (prop.schema.name in EXTENSION_SCHEMATA or prop.name in PROPERTY_LABELS):
        return PROPERTY_LABELS.get(prop.name, prop.label)
    return prop.label if prop is not None else prop_name


@dataclass
class Downgrade:
    """What a stock export did with an extension entity: the stock entity, or None when left out."""

    entity: EntityProxy | None
    dropped: list[str]
    reason: str = ""


def to_stock(proxy: EntityProxy) -> Downgrade:
    """The nearest stock entity: CaseRole → CourtCaseParty (role kept; left out if the identity is
    protected), AssetMeasure → Sanction (measure, authority, dates kept), CryptoTransfer → UnknownLink
    between the two wallets (dates kept; amount, asset and hash dropped). Stock entities pass through,
    without the extension's reverse properties (they are never stored: FtM keeps only forward ones)."""
    name = proxy.schema.name
    if name == "CaseRole":
        if "true" in proxy.get("identityProtected"):
            return Downgrade(None, [], "identity protected")
        return _rebuild(proxy, "CourtCaseParty", {"caseRole": "role"})
    if name == "AssetMeasure":
        return _rebuild(proxy, "Sanction", {"asset": "entity", "measureType": "provisions"})
    if name == "CryptoTransfer":
        downgrade = _rebuild(proxy, "UnknownLink", {"payerWallet": "subject", "beneficiaryWallet": "object"})
        if downgrade.entity is not None:
            downgrade.entity.add("role", "crypto transfer")
        return downgrade
    return Downgrade(proxy, [])


def _rebuild(proxy: EntityProxy, schema_name: str, renamed: dict[str, str]) -> Downgrade:
    schema = stock_model()[schema_name]
    stock = EntityProxy(schema, {"id": proxy.id})
    dropped = []
    for prop_name, values in proxy.properties.items():
        target = renamed.get(prop_name, prop_name)
        if schema.get(target) is None:
            dropped.append(prop_name)
            continue
        stock.add(target, values, cleaned=True, quiet=True)
    return Downgrade(stock, sorted(dropped))
