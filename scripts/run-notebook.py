"""Executes a notebook headless (nbclient) and fails if any cell fails.

Usage: .venv-notebook/bin/python scripts/run-notebook.py NOTEBOOK [TIMEOUT_SECONDS]
The notebook file is not modified.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = sys.argv[1]
timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 180
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=timeout, kernel_name="python3")
try:
    client.execute()
except CellExecutionError as e:
    print(f"notebook {path}: a cell failed\n{e}", file=sys.stderr)
    sys.exit(1)
cells = sum(1 for c in nb.cells if c.cell_type == "code")
print(f"notebook {path}: all {cells} code cells ran")
