"""Palermo's FtM model: stock schemata plus the extension, loaded as FtM loads schema folders."""

import pytest
from followthemoney import Model, StatementEntity
from followthemoney.dataset import Dataset
from followthemoney.exc import InvalidModel

from palermo.networks.ftm.extension import to_stock
from palermo.networks.ftm.model import EXTENSION_PATH, PalermoModel, make_proxy, model, stock_model


def test_the_extension_adds_two_schemata_to_the_stock_ones():
    assert set(model.schemata) - set(stock_model().schemata) == {"CaseRole", "AssetMeasure", "CryptoTransfer"}
    assert model["CaseRole"].is_a("CourtCaseParty") and model["AssetMeasure"].is_a("Value")
    assert model["BankAccount"].get("assetMeasures").range == model["AssetMeasure"]
    assert Model.instance() is model


def test_an_extension_entity_round_trips_through_statements():
    proxy = make_proxy(
        {
            "id": "m1",
            "schema": "AssetMeasure",
            "properties": {
                "asset": ["acc1"],
                "measureType": ["confiscation"],
                "amount": ["1000"],
                "currency": ["EUR"],
            },
        }
    )
    entity = StatementEntity(Dataset.make({"name": "t", "title": "t"}), proxy.to_dict())
    again = StatementEntity.from_statements(entity.dataset, list(entity.statements))
    assert again.schema.name == "AssetMeasure"
    assert again.to_dict()["properties"] == proxy.to_dict()["properties"]
    assert again.caption == "confiscation"


def test_a_protected_case_role_is_left_out_of_a_stock_export_and_another_downgraded():
    protected = make_proxy(
        {
            "id": "r1",
            "schema": "CaseRole",
            "properties": {
                "party": ["p1"],
                "case": ["c1"],
                "caseRole": ["witness"],
                "identityProtected": ["true"],
            },
        }
    )
    assert to_stock(protected).entity is None
    plain = to_stock(
        make_proxy(
            {
                "id": "r2",
                "schema": "CaseRole",
                "properties": {
                    "party": ["p1"],
                    "case": ["c1"],
                    "caseRole": ["suspect"],
                    "protectionBasis": ["untoc-24"],
                },
            }
        )
    )
    assert plain.entity.schema.name == "CourtCaseParty" and plain.entity.get("role") == ["suspect"]
    assert plain.dropped == ["protectionBasis"]


def test_an_extension_may_not_redefine_a_stock_schema(tmp_path):
    (tmp_path / "Person.yaml").write_text("Person:\n  label: Not a person\n")
    with pytest.raises(InvalidModel, match="redefines the schema Person"):
        PalermoModel(EXTENSION_PATH, tmp_path, stock_model().path)


def test_loading_followthemoney_leaves_the_csv_field_limit_as_palermo_sets_it():
    """followthemoney raises the csv module's limit to 30 MB when imported: the knowledge importer then
    took a 140,000-character cell instead of naming it a problem of its line (found by the full suite)."""
    import csv

    import followthemoney.statement.serialize  # noqa: F401  (the module that changes the limit)

    from palermo.core.csvsafe import CSV_FIELD_LIMIT

    assert csv.field_size_limit() == CSV_FIELD_LIMIT
