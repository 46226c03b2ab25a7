"""The Python exception classes come from the same table as the C and C++ codes."""
import pathlib
import re

import pytest

import mspcore as msp

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILTIN = {"VALUE": ValueError, "LOOKUP": LookupError, "ARITHMETIC": ArithmeticError,
           "RUNTIME": RuntimeError, "MEMORY": MemoryError, "TYPE": TypeError,
           "PERMISSION": PermissionError}


def listed_codes():
    """The hand-written (name, number) list: renumbering a code fails the tests."""
    rows = []
    for line in (ROOT / "tests" / "error_codes.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, value = line.split()
            rows.append((name, int(value)))
    return rows


def test_python_classes_are_the_listed_codes():
    assert [(name, value) for name, value, *_ in msp.STATUS_TABLE] == listed_codes()
    for name, value, group, _text, cls_name in msp.STATUS_TABLE:
        if value == 0:
            continue
        cls = getattr(msp, cls_name)
        assert cls.code == value
        assert issubclass(cls, msp.Error) and issubclass(cls, BUILTIN[group])
        with pytest.raises(cls) as info:
            msp._core._raise(value, "boom")
        assert info.value.code == value and str(info.value) == "boom"


def test_the_def_file_is_the_listed_codes():
    text = (ROOT / "include" / "mspcore" / "status.def").read_text()
    rows = [(m[0], int(m[1])) for m in re.findall(r"^MSP_STATUS\((\w+), (\d+), \w+, \"", text, re.M)]
    assert rows == listed_codes()


def test_docs_error_table_is_generated_from_the_table():
    import subprocess
    import sys

    generated = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_error_docs.py"), "--stdout"],
                               check=True, capture_output=True, text=True).stdout
    assert (ROOT / "docs" / "errors.md").read_text() == generated, "run scripts/gen_error_docs.py"
