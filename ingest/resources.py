"""Data files of the extractor (``ingest/data/*.toml``): lexicons, cues, relation triggers,
gazetteers and background facts. Users can point ``POWERLENS_DATA`` at a folder of their own
files with the same names to extend or replace them."""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


class DataError(ValueError):
    """A data file is missing or malformed."""


def data_dirs() -> list[Path]:
    extra = os.environ.get("POWERLENS_DATA")
    return [DATA_DIR] + ([Path(extra)] if extra else [])


@lru_cache(maxsize=64)
def load_data(name: str) -> dict:
    """Load ``data/<name>.toml`` (user files in ``POWERLENS_DATA`` override the bundled one)."""
    for d in reversed(data_dirs()):
        path = d / f"{name}.toml"
        if path.exists():
            return _read(path)
    raise DataError(f"no data file {name}.toml in {', '.join(map(str, data_dirs()))}")


def load_folder(name: str) -> list[tuple[Path, dict]]:
    """Every ``data/<name>/*.toml`` (bundled first, then the user's), parsed."""
    out = []
    for d in data_dirs():
        folder = d / name
        if folder.is_dir():
            out.extend((p, _read(p)) for p in sorted(folder.glob("*.toml")))
    return out


def read_toml(path: Path) -> dict:
    """Parse a TOML data file; any problem is a :class:`DataError` naming the file."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML ({exc})") from exc
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read it ({exc.strerror or exc})") from None


_read = read_toml


def clear_caches() -> None:
    load_data.cache_clear()
