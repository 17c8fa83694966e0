"""Persisted documents: a client sends a document's SHA-256 hash instead of its text.

Two modes. `automatic` speaks the Automatic Persisted Queries protocol of Apollo and urql: a
hash the server does not know answers PERSISTED_QUERY_NOT_FOUND, the client sends the text
with the hash once, and the server keeps it in a bounded store (in this process, or in Redis
so every worker shares it). `trusted` accepts only the documents of a manifest the app build
produced (graphql-codegen's `persistedDocuments`: a JSON map of hash to document), whether
the client sends the hash or the text."""

from __future__ import annotations

import hashlib
import json
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from domain.shared import clock
from domain.shared.errors import ErrorCode

_SHA256 = re.compile(r"[0-9a-f]{64}")

# Anyone may register a document, and a comment or a string literal costs no tokens, so without
# this a caller could fill every slot of the store with a document as large as a request body.
# A larger document still runs; it is just sent as text each time.
MAX_STORED_CHARS = 32_000


def sha256(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


class Refused(Exception):
    """A persisted-document request the server will not run; `status` is for plain JSON
    (a request that asked for application/graphql-response+json always gets 400)."""

    def __init__(self, code: ErrorCode, status: int) -> None:
        super().__init__(code.value)
        self.code = code
        self.status = status


class DocumentStore(Protocol):
    async def get(self, digest: str) -> str | None: ...

    async def put(self, digest: str, document: str) -> None: ...

    async def close(self) -> None: ...


class MemoryStore:
    """The most recently used documents of this process, at most `size` of them."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._documents: OrderedDict[str, str] = OrderedDict()

    async def get(self, digest: str) -> str | None:
        document = self._documents.get(digest)
        if document is not None:
            self._documents.move_to_end(digest)
        return document

    async def put(self, digest: str, document: str) -> None:
        self._documents[digest] = document
        self._documents.move_to_end(digest)
        while len(self._documents) > self.size:
            self._documents.popitem(last=False)

    async def close(self) -> None:
        self._documents.clear()


# One script, so that adding and evicting the least recently used are one step for every
# worker: documents in a hash, their last use in a sorted set.
_PUT = """
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if extra > 0 then
  local old = redis.call('ZPOPMIN', KEYS[2], extra)
  for i = 1, #old, 2 do redis.call('HDEL', KEYS[1], old[i]) end
end
"""


class RedisStore:
    """Documents shared by every worker, at most `size`, the least recently used evicted."""

    DOCUMENTS = "dinghuo:persisted:documents"
    USED = "dinghuo:persisted:used"

    def __init__(self, url: str, size: int) -> None:
        import redis.asyncio as redis

        self.redis = redis.from_url(url)
        self.size = size
        self._put = self.redis.register_script(_PUT)

    async def get(self, digest: str) -> str | None:
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.hget(self.DOCUMENTS, digest)
            pipe.zadd(self.USED, {digest: clock.now().timestamp()}, xx=True)
            document, _ = await pipe.execute()
        return document.decode() if document is not None else None

    async def put(self, digest: str, document: str) -> None:
        await self._put(
            keys=[self.DOCUMENTS, self.USED],
            args=[digest, document, clock.now().timestamp(), self.size],
        )

    async def close(self) -> None:
        await self.redis.aclose()


def load_manifest(path: str) -> dict[str, str]:
    """The manifest's documents by hash; raises ValueError naming what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path} is not a JSON object of hash to document")
    wrong = [digest for digest, document in data.items() if sha256(document) != digest]
    if wrong:
        # Another hash algorithm in the codegen config: every request would then miss.
        raise ValueError(f"{path}: {len(wrong)} hashes are not the SHA-256 of their document")
    return data


@dataclass
class Lookup:
    """What a request asked for: the document to run, and whether to remember it after."""

    query: str
    digest: str | None = None
    store: bool = False


def _requested_hash(data: dict[str, Any]) -> str | None:
    """The hash from `extensions.persistedQuery.sha256Hash`, or from the GraphQL-over-HTTP
    draft's `documentId` (`sha256:<hash>`); None when the request sends neither."""
    persisted = (data.get("extensions") or {}).get("persistedQuery")
    document_id = data.get("documentId")
    if persisted is None and document_id is None:
        return None
    if persisted is not None:
        if not isinstance(persisted, dict) or persisted.get("version", 1) != 1:
            raise Refused(ErrorCode.PERSISTED_QUERY_INVALID, 400)
        value = persisted.get("sha256Hash")
    else:
        value = document_id.removeprefix("sha256:") if isinstance(document_id, str) else None
    if not isinstance(value, str) or not _SHA256.fullmatch(value.lower()):
        raise Refused(ErrorCode.PERSISTED_QUERY_INVALID, 400)
    return value.lower()


class PersistedDocuments:
    """Turns a request's hash, text or both into the document to run, by the mode's rules."""

    def __init__(self, store: DocumentStore | None, manifest: dict[str, str] | None) -> None:
        self.store = store
        self.manifest = manifest

    @property
    def trusted(self) -> bool:
        return self.manifest is not None

    async def resolve(self, data: dict[str, Any]) -> Lookup | None:
        """None when the request is an ordinary one this mode accepts as it is."""
        digest = _requested_hash(data)
        query = data.get("query")
        if isinstance(query, str) and query == "":
            query = None  # some clients send an empty text with the hash
        if digest is not None and query is not None and sha256(query) != digest:
            raise Refused(ErrorCode.PERSISTED_QUERY_HASH_MISMATCH, 400)
        if self.manifest is not None:
            digest = digest or (sha256(query) if isinstance(query, str) else None)
            document = self.manifest.get(digest) if digest else None
            if document is None:
                raise Refused(ErrorCode.DOCUMENT_NOT_TRUSTED, 400)
            return Lookup(document, digest)
        if digest is None:
            return None
        if query is not None:
            return Lookup(query, digest, store=True)
        assert self.store is not None  # automatic mode always has one
        document = await self.store.get(digest)
        if document is None:
            # Plain 200, like any answered GraphQL request: clients read the code and resend.
            raise Refused(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 200)
        return Lookup(document, digest)

    async def remember(self, lookup: Lookup) -> None:
        if lookup.store and self.store is not None and len(lookup.query) <= MAX_STORED_CHARS:
            await self.store.put(lookup.digest or sha256(lookup.query), lookup.query)

    async def close(self) -> None:
        if self.store is not None:
            await self.store.close()


def from_settings(settings) -> PersistedDocuments:
    if settings.persisted_documents == "trusted":
        return PersistedDocuments(None, load_manifest(settings.persisted_documents_manifest))
    size = settings.persisted_documents_max
    store: DocumentStore = (
        RedisStore(settings.redis_url, size) if settings.redis_url else MemoryStore(size)
    )
    return PersistedDocuments(store, None)
