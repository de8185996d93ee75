"""The FollowTheMoney model Palermo uses: the stock schemata of the installed `followthemoney` plus the
small extension in networks/data/ftm-extension/ (docs/networks-model.md).

FtM loads every YAML file under its model path into one Model; ours loads two folders, the stock one and
ours, and refuses an extension schema that would replace a stock one. FtM's statement code looks schemata
up by name through `Model.instance()`, so this model is installed as that instance: the stock schemata are
the same objects by name and behave exactly as before; the extension ones become known too.
"""

import csv
import os
from functools import cache
from pathlib import Path
from typing import Any

import followthemoney
import yaml
from followthemoney import EntityProxy, Model
from followthemoney.exc import InvalidData, InvalidModel
from followthemoney.settings import MODEL_PATH

from palermo.core.csvsafe import CSV_FIELD_LIMIT

# Importing followthemoney (its statement serializer) raises the csv module's field limit to 30 MB for the
# whole process; Palermo's CSV readers (knowledge, directory, tables of the networks) keep theirs.
csv.field_size_limit(CSV_FIELD_LIMIT)

EXTENSION_PATH = Path(__file__).resolve().parent.parent / "data" / "ftm-extension"


class PalermoModel(Model):
    """A Model over several folders of schema YAML, loaded in order, none overriding another."""

    def __init__(self, *paths: str | Path) -> None:
        self.path = str(paths[0])
        self.schemata = {}
        self.properties = set()
        self.qnames = {}
        for path in paths:
            for dirpath, _dirs, filenames in sorted(os.walk(path)):
                for filename in sorted(filenames):
                    if filename.endswith((".yaml", ".yml")):
                        self._load_new(os.path.join(dirpath, filename))
        self.generate()

    def _load_new(self, filepath: str) -> None:
        with open(filepath, encoding="utf-8") as fh:
            names = set(yaml.safe_load(fh) or {})
        clash = names & set(self.schemata)
        if clash:
            raise InvalidModel(f"{filepath} redefines the schema {', '.join(sorted(clash))}")
        self._load(filepath)


model = PalermoModel(MODEL_PATH, EXTENSION_PATH)
# Installed as FtM's model so that statements and proxies made by FtM itself know the extension.
Model._instance = model
followthemoney.model = model

EXTENSION_SCHEMATA = frozenset({"CaseRole", "AssetMeasure", "CryptoTransfer"})


@cache
def stock_model() -> Model:
    """The installed FtM model alone, as `ftm validate` knows it (for checking stock exports)."""
    return Model(MODEL_PATH)


def make_proxy(data: dict[str, Any], cleaned: bool = True) -> EntityProxy:
    """An entity proxy of Palermo's model from a dict with id, schema and properties."""
    schema = model.get(data.get("schema") or "")
    if schema is None:
        raise InvalidData(f"Unknown schema: {data.get('schema')!r}")
    return EntityProxy(schema, dict(data), cleaned=cleaned)
