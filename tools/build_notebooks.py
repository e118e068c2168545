#!/usr/bin/python3
"""Write notebooks/*.ipynb from the readable cell lists in tools/notebooks/*.py.

The notebooks are the product; this script only keeps their source reviewable as plain text.
Run it after editing a cell list, then execute the notebooks in place to refresh committed outputs:

    /usr/bin/python3 tools/build_notebooks.py && /usr/bin/python3 tools/nbexec.py --inplace notebooks/*.ipynb

A cell list is a Python module defining CELLS: a list of ("md" | "code", text) pairs.
"""

import importlib.util
import os
import sys

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "tools", "notebooks")
TARGET = os.path.join(ROOT, "notebooks")
KERNELSPEC = {"name": "deno", "display_name": "Deno", "language": "typescript"}
LANGUAGE_INFO = {"name": "typescript", "file_extension": ".ts", "mimetype": "text/x.typescript"}


def load_cells(path):
    spec = importlib.util.spec_from_file_location("cells", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CELLS


def build(name, cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = LANGUAGE_INFO
    for index, (kind, text) in enumerate(cells):
        text = text.strip("\n")
        cell = nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        cell.id = f"{name[:2]}-{index:02d}"  # stable ids keep diffs of re-executed notebooks small
        if kind == "code" and index < 4 and "notebookParams(" in text:
            cell.metadata["tags"] = ["parameters"]
        nb.cells.append(cell)
    return nb


def main(names):
    files = sorted(f for f in os.listdir(SOURCES) if f.endswith(".py") and not f.startswith("_"))
    for file in files:
        name = file[:-3].replace("_", "-")
        if names and name not in names:
            continue
        nb = build(name, load_cells(os.path.join(SOURCES, file)))
        path = os.path.join(TARGET, name + ".ipynb")
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, path)
        print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
