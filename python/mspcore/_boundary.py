"""The Python API's boundary: what crosses it is an mspcore.Error with a code.

Like the C ABI, which turns every C++ exception into a status code, each public function is
wrapped so that a builtin TypeError, ValueError or OverflowError raised beneath it (numpy,
pandas, pybind11's argument conversion, int() of a bad value) reaches the caller as the coded
mspcore error of the same kind, naming the function; the original stays chained as __cause__.
mspcore errors pass unchanged.
"""
from __future__ import annotations

import functools

from . import _core

_KINDS = ((TypeError, _core.InvalidTypeError), (OverflowError, _core.ArithmeticOverflowError),
          (ValueError, _core.InvalidArgumentError))


def coded(fn, name: str | None = None):
    """`fn` with foreign TypeError/ValueError/OverflowError turned into coded mspcore errors."""
    name = name or fn.__qualname__

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except _core.Error:
            raise
        except (TypeError, OverflowError, ValueError) as e:
            cls = next(coded_cls for builtin, coded_cls in _KINDS if isinstance(e, builtin))
            text = str(e) or type(e).__name__
            raise cls(text if text.startswith(name.split(".")[-1] + "(") else f"{name}: {text}") from e

    return wrapper


def coded_methods(cls):
    """Class decorator: every public method and classmethod of `cls` is coded()."""
    for attr, value in list(vars(cls).items()):
        if attr.startswith("_") and attr != "__init__":
            continue
        if isinstance(value, (classmethod, staticmethod)):
            setattr(cls, attr, type(value)(coded(value.__func__, f"{cls.__name__}.{attr}")))
        elif callable(value):
            setattr(cls, attr, coded(value, f"{cls.__name__}.{attr}"))
    return cls
