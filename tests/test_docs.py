"""The README documents every command and every named query; the model's doctests run."""

import doctest
from pathlib import Path

import powerlens.model
from powerlens.cli import app
from powerlens.queries import load_queries

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented():
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:
        assert f"powerlens {name}" in README, name


def test_every_named_query_is_documented():
    for name in load_queries():
        assert name in README, name


def test_model_doctests():
    result = doctest.testmod(powerlens.model)
    assert result.attempted > 0 and result.failed == 0
