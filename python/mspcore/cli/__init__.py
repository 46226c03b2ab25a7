"""The ``mspcore`` command line (docs/cli.md): ``mspcore --help``."""
from .main import main  # noqa: F401
