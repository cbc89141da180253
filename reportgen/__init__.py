"""reportgen: Party-membership reports from the branches' Excel workbooks."""

# The one place the version is written: pyproject reads it, and `--version` needs no
# package metadata (a one-file program has none).
__version__ = "0.1.0"
