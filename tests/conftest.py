import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from hypothesis import settings

settings.register_profile("reportgen", deadline=None, max_examples=60)
settings.load_profile("reportgen")


import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# What tools make at the top of the repository on their own (caches, pip's build folder).
TOOL_ENTRIES = {
    ".pytest_cache",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
    "build",
    "reportgen.egg-info",
    "__pycache__",
}


@pytest.fixture(autouse=True)
def _nothing_written_into_the_repository():
    """A test writes into its tmp_path, never into the repository: a command run with the default
    `--out out` from the repository's folder would leave out/ there, and a file left in sample_data/
    would be read by every later test that uses the sample."""
    before = _entries()
    yield
    added = _entries() - before - TOOL_ENTRIES
    assert not added, f"the test wrote into the repository: {sorted(added)}"


def _entries() -> set[str]:
    return {p.name for p in ROOT.iterdir()} | {f"sample_data/{p.name}" for p in (ROOT / "sample_data").iterdir()}
