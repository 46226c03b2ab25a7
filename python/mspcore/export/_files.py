"""Writing an export: all or nothing. The file is written beside its target under a temporary
name and renamed over it only when complete, so a failure (a full disk, an unwritable
directory, a rendering error half-way) never leaves a half-written report for someone to mail."""
from __future__ import annotations

import contextlib
import os
import pathlib
import tempfile

from .. import _core


class OutputError(_core.InvalidArgumentError):
    """The output file could not be written (the CLI exits with 4)."""


@contextlib.contextmanager
def atomic_output(path):
    """Yields a temporary path in ``path``'s directory; renames it to ``path`` on success and
    removes it on any failure. An unwritable or missing directory is an OutputError naming it."""
    path = pathlib.Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise OutputError(f"{path}: cannot write into {str(path.parent)!r} ({e.strerror or e})") from None
    os.close(fd)
    tmp = pathlib.Path(tmp)
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({e.strerror or e})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
