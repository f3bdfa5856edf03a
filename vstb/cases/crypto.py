"""Field-level envelope encryption of survivors' data (issue 15, item 1).

Each value gets its own data key (AES-256-GCM); the data key is stored wrapped by a key
encryption key that lives outside the database (a key file, or VSTB_CASE_KEYS), whose id is
stored with the value, so that keys can be rotated (`vstb rotate-case-keys` re-wraps every
data key under the current key; the values themselves are not touched). The field's name is
bound into both encryptions: a value copied into another column does not decrypt.

A stored value reads back as a `Sealed`, which shows as dots and gives its text only through
`reveal()`: a template, a list, an export or the admin that prints a field shows nothing by
mistake. A missing or wrong key fails loudly (CaseKeyError), never with an empty value.

Key file (JSON, mode 0600): {"current": "<id>", "keys": {"<id>": "<base64 32 bytes>"},
"index": "<base64 32 bytes>"}; the index key makes the keyed digests that let a name be
searched for exactly without storing it (blind index), and is never rotated with the others.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models

PREFIX = "v1"
MASK = "••••••"


class CaseKeyError(Exception):
    """A value cannot be decrypted: its key is missing or wrong. Never shown as empty."""


@dataclass(frozen=True)
class Keyring:
    current: str
    keys: dict[str, bytes]
    index: bytes


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_key() -> str:
    return _b64(secrets.token_bytes(32))


def _parse(data: dict) -> Keyring:
    try:
        keys = {str(kid): _unb64(value) for kid, value in data["keys"].items()}
        ring = Keyring(current=str(data["current"]), keys=keys, index=_unb64(data["index"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CaseKeyError(f"the case key file is not valid: {error}") from error
    if ring.current not in ring.keys or any(len(k) != 32 for k in [*keys.values(), ring.index]):
        raise CaseKeyError("the case key file must hold 32-byte keys and its current key")
    return ring


def key_file() -> Path:
    return Path(settings.VSTB_CASE_KEY_FILE)


@cache
def keyring() -> Keyring:
    """The keys: VSTB_CASE_KEYS (the key file's JSON in the environment) or the key file,
    created with a first key on a single-host install that has none."""
    if settings.VSTB_CASE_KEYS:
        try:
            return _parse(json.loads(settings.VSTB_CASE_KEYS))
        except json.JSONDecodeError as error:
            raise CaseKeyError("VSTB_CASE_KEYS is not valid JSON") from error
    path = key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        first = secrets.token_hex(4)
        write_keyring(path, {"current": first, "keys": {first: new_key()}, "index": new_key()})
    return _parse(json.loads(path.read_text()))


def write_keyring(path: Path, data: dict) -> None:
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as out:
        json.dump(data, out, indent=2)
    temporary.replace(path)


def add_key() -> str:
    """A new key in the key file, made the current one (the old ones stay, to read what they
    wrapped until `vstb rotate-case-keys` has re-wrapped it). Returns its id."""
    ring = keyring()
    kid = secrets.token_hex(4)
    keys = {old: _b64(value) for old, value in ring.keys.items()}
    write_keyring(
        key_file(), {"current": kid, "keys": {**keys, kid: new_key()}, "index": _b64(ring.index)}
    )
    keyring.cache_clear()
    return kid


def seal(plain: str, context: str) -> str:
    """The stored form of `plain` for the column named `context` ("cases.case.full_name")."""
    ring = keyring()
    data_key = AESGCM.generate_key(bit_length=256)
    wrap_nonce, nonce = secrets.token_bytes(12), secrets.token_bytes(12)
    aad = context.encode()
    wrapped = AESGCM(ring.keys[ring.current]).encrypt(wrap_nonce, data_key, aad)
    body = AESGCM(data_key).encrypt(nonce, plain.encode(), aad)
    return ".".join([PREFIX, ring.current, _b64(wrap_nonce + wrapped), _b64(nonce + body)])


def _parts(token: str) -> tuple[str, bytes, bytes]:
    try:
        prefix, kid, wrapped, body = token.split(".")
        if prefix != PREFIX:
            raise ValueError(prefix)
        return kid, _unb64(wrapped), _unb64(body)
    except ValueError as error:
        raise CaseKeyError("a sealed value is damaged") from error


def _data_key(kid: str, wrapped: bytes, aad: bytes) -> bytes:
    key = keyring().keys.get(kid)
    if key is None:
        raise CaseKeyError(f"the case key {kid!r} is not in the key file")
    try:
        return AESGCM(key).decrypt(wrapped[:12], wrapped[12:], aad)
    except InvalidTag as error:
        raise CaseKeyError(f"the case key {kid!r} does not open this value") from error


def unseal(token: str, context: str) -> str:
    kid, wrapped, body = _parts(token)
    aad = context.encode()
    data_key = _data_key(kid, wrapped, aad)
    try:
        return AESGCM(data_key).decrypt(body[:12], body[12:], aad).decode()
    except InvalidTag as error:
        raise CaseKeyError("a sealed value does not belong to this field") from error


def rewrap(token: str, context: str) -> str:
    """The same value with its data key wrapped by the current key (key rotation)."""
    kid, wrapped, body = _parts(token)
    ring = keyring()
    if kid == ring.current:
        return token
    aad = context.encode()
    data_key = _data_key(kid, wrapped, aad)
    wrap_nonce = secrets.token_bytes(12)
    again = AESGCM(ring.keys[ring.current]).encrypt(wrap_nonce, data_key, aad)
    return ".".join([PREFIX, ring.current, _b64(wrap_nonce + again), _b64(body)])


def key_id(token: str) -> str:
    return _parts(token)[0]


def blind_index(text: str, purpose: str) -> str:
    """A keyed digest of a normalised text: equal names give equal digests, and the digest
    says nothing of the name without the index key."""
    normal = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    digest = hmac.new(keyring().index, f"{purpose}:{normal}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


class Sealed:
    """A stored secret: prints as dots; `reveal()` decrypts it (the caller logs the reveal)."""

    __slots__ = ("token", "context")

    def __init__(self, token: str, context: str):
        self.token = token
        self.context = context

    def reveal(self) -> str:
        return unseal(self.token, self.context) if self.token else ""

    def __bool__(self) -> bool:
        return bool(self.token)

    def __str__(self) -> str:
        return MASK if self.token else ""

    __repr__ = __str__

    def __eq__(self, other) -> bool:
        return isinstance(other, Sealed) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


class _SealedAttribute:
    """The model attribute of a SealedField: plain text assigned is sealed at once, so the
    attribute is always a Sealed, whether the row was read or is being built."""

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance.__dict__.get(self.field.attname) or Sealed("", self.field.context)

    def __set__(self, instance, value):
        if not isinstance(value, Sealed):
            token = seal(str(value), self.field.context) if value not in (None, "") else ""
            value = Sealed(token, self.field.context)
        instance.__dict__[self.field.attname] = value


class SealedField(models.TextField):
    """A text column holding only sealed values. Assign plain text (or a Sealed); it reads
    back as a Sealed. Never searchable, never sortable: search a blind index instead."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.context = f"{cls._meta.label_lower}.{name}"
        setattr(cls, self.attname, _SealedAttribute(self))

    def from_db_value(self, value, expression, connection):
        return Sealed(value or "", self.context)

    def to_python(self, value):
        if isinstance(value, Sealed) or value is None:
            return value
        return value

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            return value.token
        if value in (None, ""):
            return ""
        return seal(str(value), self.context)

    def value_to_string(self, obj):
        return MASK  # serialisation (dumpdata) never carries the text
