"""Whoosh 2.7.4's compile-time warnings must not break a fresh import under -W error."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys, tempfile, pathlib
import whoosh
assert whoosh.__file__.startswith(sys.argv[1]), whoosh.__file__
from search_index import build_index, parse_query, search
from search_index.extract import Page
path = pathlib.Path(tempfile.mkdtemp()) / "ix"
build_index(path, [Page(url="/a/", title="市长", body="云溪市长江大桥")])
assert search(path, parse_query("市长")).total == 1
print("ok")
"""


def test_fresh_whoosh_bytecode_compiles_under_warnings_as_errors(tmp_path):
    import search_index._whoosh  # noqa: F401

    source = Path(sys.modules["whoosh"].__file__).parent
    copy = tmp_path / "lib" / "whoosh"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "lib"), str(repo)])}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", SCRIPT, str(copy)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
