"""The 300 MB limit on a workbook's unpacked size, one byte either side, without writing 300 MB:
the sizes are those an archive declares in its central directory, forged here."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from reportgen.intake import safety

MIB = 1024 * 1024
PARTS = 60  # 60 parts of 5 MiB (each at the ratio check's floor, never above it) make 300 MiB


def forged_zip(path: Path, sizes: list[int]) -> Path:
    """A zip of small parts whose central directory declares `sizes` as their unpacked sizes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(len(sizes)):
            archive.writestr(f"xl/media/image{i}.bin", b"x")
    data = bytearray(path.read_bytes())
    offset = 0
    for size in sizes:
        offset = data.index(b"PK\x01\x02", offset)
        struct.pack_into("<I", data, offset + 24, size)  # uncompressed size in the central directory
        offset += 4
    path.write_bytes(bytes(data))
    return path


def test_the_limit_is_300_mib() -> None:
    assert safety.MAX_UNPACKED_BYTES == 300 * MIB
    assert safety.RATIO_FLOOR_BYTES * PARTS == safety.MAX_UNPACKED_BYTES


@pytest.mark.parametrize(("extra", "refused"), [(-1, False), (0, False), (1, True)])
def test_300_mib_plus_or_minus_one_byte(tmp_path: Path, extra: int, refused: bool) -> None:
    sizes = [safety.RATIO_FLOOR_BYTES] * PARTS
    sizes[0] += extra
    path = forged_zip(tmp_path / "so.xlsx", sizes)
    assert sum(e.file_size for e in zipfile.ZipFile(path).infolist()) == 300 * MIB + extra
    if refused:
        with pytest.raises(safety.UnsafeArchive) as raised:
            safety.check_archive(path)
        assert str(raised.value) == (
            "tệp khi giải nén lớn tới 300 MB, vượt giới hạn 300 MB của một sổ theo dõi; không đọc"
            " (có thể là tệp độc hại)"
        )
    else:
        safety.check_archive(path)
