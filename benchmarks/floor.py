"""The I/O floor: read every cell of every workbook with calamine, then write as many
bytes as a real build wrote (the files of a reference output folder, copied).

    python benchmarks/floor.py INBOX REFERENCE_OUT OUT

No validation, no figures, no rendering: no tool that reads these inputs and writes
those outputs can be faster than this on the same machine. Not part of the package.
"""

from __future__ import annotations

import sys
from pathlib import Path

from python_calamine import CalamineWorkbook


def main() -> int:
    inbox, reference, out = (Path(a) for a in sys.argv[1:4])
    cells = 0
    for path in sorted(inbox.rglob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(len(row) for row in book.get_sheet_by_name(name).to_python())
    written = 0
    for path in sorted(p for p in reference.rglob("*") if p.is_file()):
        target = out / path.relative_to(reference)
        target.parent.mkdir(parents=True, exist_ok=True)
        written += target.write_bytes(path.read_bytes())
    print(f"{cells} cells read, {written} bytes written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
