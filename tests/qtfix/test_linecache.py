"""PySide6's per-import source scan is replaced by one that keeps nothing in linecache."""

from __future__ import annotations

import linecache
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

from pos_app.qtfix import linecache as pyside_imports


def _module_from(path: Path, name: str) -> ModuleType:
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    return module


def test_the_check_answers_as_pyside_does_from_the_source_file(tmp_path: Path) -> None:
    uses = tmp_path / "uses_qt.py"
    uses.write_text("from PySide6.QtCore import QObject\n")
    plain = tmp_path / "plain.py"
    plain.write_text("import json\n")
    assert pyside_imports.module_uses_pyside(_module_from(uses, "uses_qt"))
    assert not pyside_imports.module_uses_pyside(_module_from(plain, "plain"))
    assert not pyside_imports.module_uses_pyside(sys)  # built-in: no source file
    assert str(uses) not in linecache.cache


def test_a_missing_source_file_counts_as_not_using_pyside(tmp_path: Path) -> None:
    gone = tmp_path / "gone.py"
    gone.write_text("import PySide6\n")
    module = _module_from(gone, "gone")
    gone.unlink()
    assert not pyside_imports.module_uses_pyside(module)


def test_after_install_imports_leave_linecache_empty(tmp_path: Path) -> None:
    # A fresh interpreter: PySide6's hook is set up at its first import.
    (tmp_path / "big_module.py").write_text("VALUE = 1\n" + "# filler\n" * 5000)
    script = textwrap.dedent(
        f"""
        import linecache, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import PySide6.QtCore
        if sys.argv[1] == "install":
            from pos_app.qtfix import linecache as pyside_imports
            assert pyside_imports.install()
        import big_module
        print(sum(1 for name in linecache.cache if name.endswith("big_module.py")))
        """
    )

    def cached(mode: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", script, mode], capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    assert cached("plain") == "1"  # PySide6's own scan keeps the module's lines
    assert cached("install") == "0"
