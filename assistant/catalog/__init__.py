"""Models beyond the registry defaults: a catalogue with pinned sizes and hashes, resumable verified
downloads into models/ and voices/, choosing a model in the config, and `assistant doctor`."""

from .entries import CatalogEntry, CatalogFile, find, load_catalog
from .store import Check, Store, tree_sha256

__all__ = ["CatalogEntry", "CatalogFile", "Check", "Store", "find", "load_catalog", "tree_sha256"]
