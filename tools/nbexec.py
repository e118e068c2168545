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

Exit codes (those of `./vb report` for the same kind of failure; README's table lists both):
  0  every notebook ran
  1  a cell raised an error (one line naming notebook, cell and error; the partial notebook is kept)
  2  usage error (unknown option, --param without "="), or the kernel could not start (run ./vb setup)
  3  a notebook that cannot be read (missing, permission denied) or is not one (malformed JSON, no cells)
  5  the output cannot be written (--out is a file, permission denied, read-only or full disk): checked
     before any notebook runs; a write that fails later leaves the previous file and no temporary one
Every failure is one line starting "execute: ", never a Python traceback.
"""

import argparse
import errno
import json
import os
import queue
import re
import sys
import time

try:
    import nbformat
    from jupyter_client.manager import KernelManager
except ImportError as missing:
    print(f"execute: {sys.executable} has no {missing.name} (Jupyter's Python packages); run ./vb setup, "
          f"or run this with the Python that has them.", file=sys.stderr)
    sys.exit(2)

def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


class CellError(Exception):
    pass


class Failure(Exception):
    """One sentence for the user and the exit code it goes with."""

    def __init__(self, code, sentence):
        super().__init__(sentence)
        self.code = code


def os_words(err):
    """An OSError in the words the report uses ("permission denied", "no space left on device")."""
    words = {errno.ENOENT: "no such file or folder", errno.EISDIR: "a folder, not a file"}
    text = words.get(err.errno) or (os.strerror(err.errno) if err.errno else str(err))
    return text[:1].lower() + text[1:]


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Failure(2, f"{message}. Run with --help for usage.")


def parse_args(argv):
    p = Parser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
               epilog=__doc__[__doc__.index("Exit codes"):])
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
            raise Failure(2, f"--param expects KEY=VALUE, got {item!r}.")
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
        raise CellError(error_text(error.ename, strip_ansi(error.evalue)))


def error_text(ename, evalue):
    """The project's own errors are sentences (they end with a full stop): shown as they are, without their class
    name ("ParamError: …" means nothing to a reader); an engine's error keeps its type ("TypeError: x is …")."""
    text = evalue.strip()
    return text if text.endswith(".") and ename.endswith("Error") else f"{ename}: {text}"


def read_notebook(path):
    """The notebook at `path`, or a Failure (exit 3) saying where it is not one."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as err:
        raise Failure(3, f"{path}: {os_words(err)}.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise Failure(3, f"{path}, byte {err.start}: found bytes that are not UTF-8 text, expected a Jupyter "
                         f"notebook (JSON).") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        found = "the end of the file" if err.pos >= len(text) else repr(text[err.pos:err.pos + 20])
        raise Failure(3, f"{path}, line {err.lineno}, column {err.colno}: found {found} ({err.msg.lower()}), "
                         f"expected a Jupyter notebook (JSON); the file is probably truncated or not a "
                         f"notebook.") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cells"), list):
        raise Failure(3, f"{path}: found JSON without a list of cells, expected a Jupyter notebook (nbformat 4).")
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # nbformat's own reasons (a cell without a type, a missing key…)
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise Failure(3, f"{path}: not a valid Jupyter notebook: {reason.rstrip('.')}.") from None
    return nb


def execute(path, nb, args, env):
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


def target_of(path, args):
    if args.inplace:
        return path
    if args.out:
        return os.path.join(args.out, os.path.basename(path))
    return None


def check_output(paths, args):
    """Before any notebook runs: the output folder exists (or is made) and takes a file as large as the input."""
    if args.out:
        if os.path.exists(args.out) and not os.path.isdir(args.out):
            raise Failure(5, f"Could not write to {args.out}: it is a file, not a folder.")
        try:
            os.makedirs(args.out, exist_ok=True)
        except OSError as err:
            raise Failure(5, f"Could not create the output folder {args.out}: {os_words(err)}.") from None
    for path in paths:
        target = target_of(path, args)
        if target is None:
            continue
        probe = f"{target}.tmp-{os.getpid()}"
        try:
            with open(probe, "wb") as f:
                f.write(b"\0" * os.path.getsize(path))
                f.flush()
                os.fsync(f.fileno())
            if os.path.exists(target) and not os.access(target, os.W_OK):
                raise PermissionError(errno.EACCES, "Permission denied")
        except OSError as err:
            raise Failure(5, f"Could not write {target}: {os_words(err)}. Nothing was run.") from None
        finally:
            if os.path.exists(probe):
                os.remove(probe)


def save(nb, path, args):
    nb.metadata.setdefault("kernelspec", {"name": "deno", "display_name": "Deno", "language": "typescript"})
    target = target_of(path, args)
    if target is None:
        return
    tmp = f"{target}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            nbformat.write(nb, f)
        os.replace(tmp, target)  # atomic: an interrupted run leaves no half notebook
    except OSError as err:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise Failure(5, f"Could not write the executed notebook {target}: {os_words(err)}. "
                         f"The previous file, if any, was left as it was.") from None


def run(argv):
    args = parse_args(argv)
    env = kernel_env(args.param)
    notebooks = [(path, read_notebook(path)) for path in args.notebooks]
    check_output(args.notebooks, args)
    failed = 0
    for path, nb in notebooks:
        started = time.monotonic()
        try:
            execute(path, nb, args, env)
        except CellError as err:
            print(f"execute: {err}", file=sys.stderr)
            failed += 1
            continue
        except (RuntimeError, KeyError) as err:  # the kernel did not start, no such kernel, …
            raise Failure(2, f"{path}: the {args.kernel} kernel could not start ({str(err).strip()}); "
                             f"run ./vb setup.") from None
        if not args.quiet:
            n = sum(len(c.get("outputs", [])) for c in nb.cells if c.cell_type == "code")
            print(f"executed {path}: {n} outputs in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 1 if failed else 0


def main(argv):
    try:
        return run(argv)
    except Failure as err:
        print(f"execute: {err}", file=sys.stderr)
        return err.code
    except KeyboardInterrupt:
        print("execute: interrupted.", file=sys.stderr)
        return 130
    except Exception as err:  # not foreseen: still one sentence, never a traceback
        print(f"execute: could not run the notebooks: {str(err).strip() or type(err).__name__}.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
