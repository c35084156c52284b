"""Ed25519 signatures over a document's canonical data.

The private key is a PEM file (NISI_SIGNING_KEY_FILE). The embedded default creates one on first use; in
production the file is provisioned and the system refuses to invent one.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _private_key() -> Ed25519PrivateKey:
    path = settings.NISI_SIGNING_KEY_FILE
    if not path.exists():
        if not settings.NISI_EMBEDDED:
            raise ImproperlyConfigured(f"The document signing key {path} is missing; provision NISI_SIGNING_KEY_FILE.")
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path.write_bytes(pem)
        path.chmod(0o600)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{path} is not an Ed25519 private key.")
    return key


def public_key() -> Ed25519PublicKey:
    return _private_key().public_key()


def public_key_pem() -> str:
    return (
        public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    )


def key_id() -> str:
    raw = public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign(data: bytes) -> str:
    return base64.b64encode(_private_key().sign(data)).decode()


def verify(data: bytes, signature: str) -> bool:
    try:
        public_key().verify(base64.b64decode(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True
