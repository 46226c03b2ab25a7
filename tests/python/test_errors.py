"""The Python exception classes come from the same table as the C and C++ codes."""
import ctypes
import pathlib
import re

import pytest

import mspcore as msp

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILTIN = {"VALUE": ValueError, "LOOKUP": LookupError, "ARITHMETIC": ArithmeticError,
           "RUNTIME": RuntimeError, "MEMORY": MemoryError}


def header_table():
    text = (ROOT / "include" / "mspcore.h").read_text()
    return [(m[0], int(m[1]), m[2]) for m in re.findall(r"X\((\w+), (\d+), (\w+), \"", text)]


def test_python_classes_match_the_c_header():
    rows = header_table()
    assert len(rows) == len(msp.STATUS_TABLE) >= 21
    for (name, value, group), (py_name, py_value, py_group, _text, cls_name) in zip(rows, msp.STATUS_TABLE):
        assert (name, value, group) == (py_name, py_value, py_group)
        if value == 0:
            continue
        cls = getattr(msp, cls_name)
        assert cls.code == value
        assert issubclass(cls, msp.Error) and issubclass(cls, BUILTIN[group])
        with pytest.raises(cls) as info:
            msp._core._raise(value, "boom")
        assert info.value.code == value and str(info.value) == "boom"


def test_docs_error_table_is_generated_from_the_table():
    import subprocess
    import sys

    generated = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_error_docs.py"), "--stdout"],
                               check=True, capture_output=True, text=True).stdout
    assert (ROOT / "docs" / "errors.md").read_text() == generated, "run scripts/gen_error_docs.py"
