"""Helpers shared by several test modules."""

from __future__ import annotations

from typing import Any


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """A JSON document's values by dotted path: a table's cells by wire path, ``agency``, …"""
    if not isinstance(data, dict):
        return {prefix: data}
    found: dict[str, Any] = {}
    for key, value in data.items():
        found.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    return found


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these numbered objects (the first is the catalog), with its cross-reference table.

    ``trailer`` adds entries to the trailer dictionary, e.g. ``/Encrypt 4 0 R``.
    """
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


#: Source of ``peak_kib()`` for a child process: the program's own peak memory in KiB. VmHWM
#: starts afresh at exec, whereas ru_maxrss keeps the peak of the process that forked it
#: (pytest, after thousands of tests). The child imports ``resource``.
PEAK_KIB = """
def peak_kib():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""
