"""Every GitHub workflow is valid and passes zizmor's security audit.

- check-jsonschema validates each file against its bundled GitHub workflow
  schema (`--builtin-schema vendor.github-workflows`; no network needed).
- zizmor audits the workflows offline; any finding of medium or high severity fails.
Both tools are pinned in requirements.txt and run from the same venv as pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
BLOCKING = {"medium", "high"}


def test_there_are_workflows():
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(workflow: Path):
    proc = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_medium_or_worse():
    proc = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", str(REPO / ".github" / "workflows")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    # zizmor exits non-zero when it has findings; a tool failure prints no JSON.
    try:
        findings = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    blocking = [
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} "
        f"at {[loc['symbolic']['key'] for loc in f['locations'][:1]]}"
        for f in findings
        if f["determinations"]["severity"].lower() in BLOCKING
    ]
    assert blocking == [], "\n".join(blocking)
