"""Where an installation keeps its data and its settings, found the same way by every `palermo` command.

The data folder is PALERMO_DATA_DIR; when that is not set, `var/` in the source checkout Palermo runs from
(`make install` installs it in place), or `$XDG_DATA_HOME/palermo` (`~/.local/share/palermo`) for a copy
installed elsewhere. In it, `palermo.env` holds the installation's settings: `NAME=value` lines, as in a
systemd EnvironmentFile, written by `palermo demo` and `palermo init` with a generated secret key. A variable
set in the environment wins over the file, and the file over the defaults (docs/configuration.md).

Nothing here needs Django's settings: the settings module reads the file through it, and `palermo init`
writes it before there are any settings.
"""

import os
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

SETTINGS_FILE_NAME = "palermo.env"
NAME = re.compile(r"[A-Z][A-Z0-9_]*")


def source_checkout() -> Path | None:
    """The repository Palermo runs from, if it runs from one (an editable install), else None."""
    root = Path(__file__).resolve().parent.parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "src" / "palermo").is_dir() else None


def data_dir(environ=os.environ) -> Path:
    """The installation's data folder (see the module's description)."""
    given = environ.get("PALERMO_DATA_DIR")
    if given:
        return Path(given).expanduser().resolve()
    checkout = source_checkout()
    if checkout is not None:
        return checkout / "var"
    base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return (Path(base) / "palermo").resolve()


def settings_file(folder: Path) -> Path:
    return folder / SETTINGS_FILE_NAME


def is_setting(name: str) -> bool:
    return name.startswith("PALERMO_") or name in ("DATABASE_URL", "DATABASE_URL_FILE")


def read_settings_file(path: Path) -> dict[str, str]:
    """The settings the file gives, by name; none if there is no file. A line that is not `NAME=value`
    (blank lines and `#` comments aside), or names no Palermo setting, stops everything with its number."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ImproperlyConfigured(f"{path}: cannot be read as UTF-8 text ({error})") from error
    values: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.removeprefix("export ").partition("=")
        name, value = name.strip(), value.strip()
        where = f"{path}, line {number}"
        if not equals or not NAME.fullmatch(name):
            raise ImproperlyConfigured(f"{where}: expected NAME=value, not {line[:60]!r}")
        if not is_setting(name):
            raise ImproperlyConfigured(
                f"{where}: {name} is not a Palermo setting (PALERMO_… or DATABASE_URL, docs/configuration.md)"
            )
        if name == "PALERMO_DATA_DIR":
            raise ImproperlyConfigured(
                f"{where}: PALERMO_DATA_DIR cannot come from the file that lives in the data folder; "
                "set it in the environment"
            )
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[name] = value
    return values


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)


def write_settings_file(path: Path, values: dict[str, str], *, purpose: str, commented: str = "") -> None:
    """Create the settings file, readable by its owner only (it holds the secret key). Never overwrites one:
    FileExistsError if it is there already."""
    path.parent.mkdir(parents=True, exist_ok=True)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# Palermo settings: {purpose}, written {when}.",
        "# Read by every `palermo` command whose data folder this is; a variable set in the environment",
        "# wins over this file (docs/configuration.md). Keep it secret: it holds the secret key.",
        *(f"{name}={value}" for name, value in values.items()),
    ]
    text = "\n".join(lines) + "\n" + commented
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
