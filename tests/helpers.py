"""Helpers shared by the tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

EXAMPLES = Path(str(resources.files("powerlens") / "examples" / "stories"))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess (stdout and stderr kept apart)."""
    return subprocess.run([sys.executable, "-m", "powerlens.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def copy_examples(dest: Path) -> Path:
    shutil.copytree(EXAMPLES, dest)
    return dest
