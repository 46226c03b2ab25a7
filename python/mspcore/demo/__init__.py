"""The demo MSP (docs/demo-data.md): ``generate(path, seed)`` writes a realistic, seeded MSP
into a SQLite file; ``open_demo(path)`` reads it back as the inputs of mspcore's APIs."""
from __future__ import annotations

from .generate import GENERATOR_VERSION, DemoSummary, generate  # noqa: F401
from .load import Demo, open_demo  # noqa: F401
from .schema import USER_VERSION  # noqa: F401
