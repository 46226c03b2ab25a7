"""``mspcore``: the command line of the library (docs/cli.md).

Each command reads files (CSV, JSON, JSON lines, Parquet, or the demo's SQLite store), runs
the library and writes files. Exit codes are part of the interface (EXIT_CODES); ``--json``
prints one JSON object on stdout for scripts, errors included.
"""
from __future__ import annotations

import argparse
import json
import sys

from .. import _core
from .tables import InputError

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_MISSING_EXTRA, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 5, 130
EXIT_CODES = {
    EXIT_OK: "success",
    EXIT_INTERNAL: "an unexpected error (a bug: please report it with the command line)",
    EXIT_USAGE: "bad command line (unknown option, missing argument)",
    EXIT_INPUT: "bad input: a file, row or value the library refused (the message names it)",
    EXIT_OUTPUT: "an output file or directory could not be written",
    EXIT_MISSING_EXTRA: "an optional package is missing (pip install 'mspcore[reports]')",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


def _epilog() -> str:
    return "exit codes:\n" + "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES.items())


def build_parser() -> argparse.ArgumentParser:
    from . import commands

    parser = argparse.ArgumentParser(
        prog="mspcore",
        description="Exact analytics for Managed Service Providers: true-up, SLA, risk, lifecycle, "
                    "QBR decks and reports.",
        epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"mspcore {_core.__version__}")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout (for scripts)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or summaries")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.register(sub)
    return parser


def _error_json(code_name: str, message: str) -> str:
    return json.dumps({"ok": False, "error": {"code": code_name, "message": message}}, ensure_ascii=False)


def main(argv=None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: --help (0) or a usage error (2)
        return int(e.code or 0)
    names = {value: name for name, value, *_ in _core.STATUS_TABLE}
    try:
        result = args.run(args)
    except InputError as e:
        return _fail(args, "INPUT", str(e), EXIT_INPUT)
    except _core.Error as e:
        from ..export import MissingPackageError, OutputError

        if isinstance(e, MissingPackageError):
            return _fail(args, "MISSING_EXTRA", str(e), EXIT_MISSING_EXTRA)
        if isinstance(e, OutputError):
            return _fail(args, "OUTPUT", str(e), EXIT_OUTPUT)
        return _fail(args, names.get(e.code, "ERROR"), str(e), EXIT_INPUT)
    except OSError as e:
        return _fail(args, "OUTPUT", f"{e.filename or ''}: {e.strerror or e}".lstrip(": "), EXIT_OUTPUT)
    except KeyboardInterrupt:
        return _fail(args, "INTERRUPTED", "interrupted", EXIT_INTERRUPTED)
    if args.json:
        print(json.dumps({"ok": True, "command": args.command, **(result or {})}, ensure_ascii=False, default=str))
    return EXIT_OK


def _fail(args, code_name: str, message: str, exit_code: int) -> int:
    if getattr(args, "json", False):
        print(_error_json(code_name, message))
    print(f"mspcore {args.command}: error: {message}", file=sys.stderr)
    return exit_code
