#!/usr/bin/python3
"""Execute Jupyter notebooks with the Deno kernel, headless, losing no output.

Why not `jupyter nbconvert --execute`: the Deno kernel sends some display messages *after* it
reports `idle`, and nbclient stops listening at `idle`, so figures go missing at random.
This executor keeps draining IOPub until the kernel has been quiet for `--settle` seconds.

Parameters reach the notebook without editing it: `--param data=/path` sets the kernel's
environment variable `VB_PARAM_DATA=/path`; the notebook's parameters cell reads it with
`notebookParams({...defaults})` from `lib/params.ts`.

Usage:
  nbexec.py [--out DIR | --inplace] [--param KEY=VALUE]... [--timeout S] [--settle S] NOTEBOOK...

Exit codes: 0 all notebooks ran; 1 a cell raised (message names notebook, cell and error);
2 usage or kernel start-up problem.
"""

import argparse
import os
import queue
import re
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


class CellError(Exception):
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("notebooks", nargs="+")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--out", help="folder for executed copies (default: print only)")
    where.add_argument("--inplace", action="store_true", help="overwrite the notebooks with their outputs")
    p.add_argument("--param", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--timeout", type=float, default=600, help="seconds per cell (default 600)")
    p.add_argument("--settle", type=float, default=0.15, help="quiet seconds after idle (default 0.15)")
    p.add_argument("--kernel", default="deno")
    p.add_argument("--quiet", action="store_true")
    return p.parse_args(argv)


def kernel_env(params):
    env = dict(os.environ)
    env["DENO_NO_UPDATE_CHECK"] = "1"
    env["NO_COLOR"] = "1"
    for item in params:
        if "=" not in item:
            raise SystemExit(f"nbexec: --param expects KEY=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        env["VB_PARAM_" + key.strip().upper()] = value
    return env


def output_from(msg, execution_count):
    """Turn one IOPub message into an nbformat output (or None)."""
    kind, content = msg["msg_type"], msg["content"]
    if kind == "stream":
        return nbformat.v4.new_output("stream", name=content["name"], text=content["text"])
    if kind == "display_data":
        return nbformat.v4.new_output("display_data", data=content["data"], metadata=content.get("metadata", {}))
    if kind == "execute_result":
        return nbformat.v4.new_output(
            "execute_result", data=content["data"], metadata=content.get("metadata", {}),
            execution_count=execution_count,
        )
    if kind == "error":
        return nbformat.v4.new_output(
            "error", ename=content["ename"], evalue=content["evalue"], traceback=content["traceback"]
        )
    return None


def append_output(outputs, out):
    # Merge consecutive writes to the same stream, as Jupyter's front ends do.
    if out.output_type == "stream" and outputs and outputs[-1].output_type == "stream" \
            and outputs[-1].name == out.name:
        outputs[-1].text += out.text
    else:
        outputs.append(out)


def run_cell(kc, cell, timeout, settle):
    msg_id = kc.execute(cell.source, store_history=True, allow_stdin=False, stop_on_error=True)
    outputs, count, idle_at, error = [], None, None, None
    deadline = time.monotonic() + timeout
    while True:
        now = time.monotonic()
        if now > deadline:
            raise CellError(f"timed out after {timeout:.0f} s")
        # Before idle wait long; after idle, wait only `settle` for late display messages.
        wait = settle if idle_at is not None else min(1.0, deadline - now)
        try:
            msg = kc.get_iopub_msg(timeout=wait)
        except queue.Empty:
            if idle_at is not None:
                break
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            if msg["content"]["execution_state"] == "idle":
                idle_at = time.monotonic()
            continue
        if kind == "execute_input":
            count = msg["content"].get("execution_count")
            continue
        if kind == "clear_output":
            outputs.clear()
            continue
        out = output_from(msg, count)
        if out is None:
            continue
        if out.output_type == "error":
            error = out
        append_output(outputs, out)
    reply = kc.get_shell_msg(timeout=max(1.0, deadline - time.monotonic()))
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=max(1.0, deadline - time.monotonic()))
    cell.outputs = outputs
    cell.execution_count = reply["content"].get("execution_count", count)
    if reply["content"].get("status") == "error" and error is None:
        c = reply["content"]
        error = nbformat.v4.new_output("error", ename=c.get("ename", "Error"), evalue=c.get("evalue", ""),
                                       traceback=c.get("traceback", []))
        outputs.append(error)
    if error is not None:
        raise CellError(f"{error.ename}: {strip_ansi(error.evalue)}")


def execute(path, args, env):
    nb = nbformat.read(path, as_version=4)
    km = KernelManager(kernel_name=args.kernel)
    km.start_kernel(cwd=os.path.dirname(os.path.abspath(path)), env=env)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        for index, cell in enumerate(nb.cells, start=1):
            if cell.cell_type != "code":
                continue
            try:
                run_cell(kc, cell, args.timeout, args.settle)
            except CellError as err:
                save(nb, path, args)
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                raise CellError(f"{path}: cell {index} ({first[:60]!r}) failed: {err}") from None
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    save(nb, path, args)
    return nb


def save(nb, path, args):
    nb.metadata.setdefault("kernelspec", {"name": "deno", "display_name": "Deno", "language": "typescript"})
    if args.inplace:
        target = path
    elif args.out:
        os.makedirs(args.out, exist_ok=True)
        target = os.path.join(args.out, os.path.basename(path))
    else:
        return
    tmp = f"{target}.tmp-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        nbformat.write(nb, f)
    os.replace(tmp, target)  # atomic: an interrupted run leaves no half notebook


def main(argv):
    args = parse_args(argv)
    env = kernel_env(args.param)
    failed = 0
    for path in args.notebooks:
        if not os.path.isfile(path):
            print(f"nbexec: {path}: no such notebook", file=sys.stderr)
            return 2
        started = time.monotonic()
        try:
            nb = execute(path, args, env)
        except CellError as err:
            print(f"nbexec: {err}", file=sys.stderr)
            failed += 1
            continue
        except RuntimeError as err:  # kernel did not start, etc.
            print(f"nbexec: {path}: kernel problem: {err}", file=sys.stderr)
            return 2
        if not args.quiet:
            n = sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")
            print(f"executed {path}: {n} outputs in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
