"""What an uploaded file really is, from its first bytes, not from its name or the browser's word for it."""

from __future__ import annotations

SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", "video/mp4"),  # MP4 / MOV (ISO base media)
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),  # WebM / Matroska
    (0, b"RIFF", "video/avi"),  # AVI (checked further below)
    (0, b"%PDF-", "application/pdf"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
)
KIND_TYPES = {
    "video": {"video/mp4", "video/webm", "video/avi"},
    "document": {"application/pdf", "image/jpeg", "image/png"},
    "photo": {"image/jpeg", "image/png"},
}


def sniff(head: bytes) -> str | None:
    """The content type that the file's first bytes show, or None if it is none we accept."""
    for offset, magic, content_type in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if content_type == "video/avi" and head[8:12] != b"AVI ":
                continue
            return content_type
    return None
