"""Rows out: table (for people), json (one array of objects, nothing else) and csv (header row)."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from typing import Any, TextIO


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def write_rows(rows: list[dict[str, Any]], columns: list[str], fmt: Format, out: TextIO | None = None,
               title: str | None = None) -> None:
    out = out or sys.stdout
    if fmt == Format.json:
        out.write(json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n")
        return
    if fmt == Format.csv:
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
        out.write(buf.getvalue())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=True, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in columns])
    console = Console(file=out, width=max(100, Console().width))
    console.print(table)
    if not rows:
        console.print("(no rows)")
