"""Atomic writes: complete file or none, normal permissions, nothing left behind."""

from __future__ import annotations

import os
import stat

import pytest

from framing.report.io import write_atomic


def test_write_atomic_gives_the_mode_a_plain_open_would(tmp_path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    written = write_atomic(tmp_path / "atomic.txt", "Iran rejects claims")
    assert written.read_text(encoding="utf-8") == "Iran rejects claims"
    assert stat.S_IMODE(os.stat(written).st_mode) == stat.S_IMODE(os.stat(plain).st_mode)


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path) -> None:
    target = tmp_path / "report.json"
    target.write_text('{"old": true}', encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]  # not str or bytes
    assert target.read_text(encoding="utf-8") == '{"old": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
