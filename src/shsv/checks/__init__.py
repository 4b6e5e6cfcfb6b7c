"""Checks: the registry, and the modules that register into it on import."""

from shsv.checks import domain, numbering, registry

__all__ = ["domain", "numbering", "registry"]
