"""The errors rassegna reports to its users.

Every error a user can cause (a bad campaign file, a registry row that does not
parse, a store that cannot be opened) is a :class:`RassegnaError`. Its message is
one line that names the file, the line or the URL at fault; the CLI prints it and
exits non-zero, never with a traceback.
"""

from __future__ import annotations

__all__ = [
    "RassegnaError",
    "ConfigError",
    "RegistryError",
    "StoreError",
    "CrawlError",
    "ExtractionError",
    "ImportFileError",
]


class RassegnaError(Exception):
    """Base class of every error meant for the user."""


class ConfigError(RassegnaError):
    """The campaign file is missing, not TOML, or has a wrong value."""


class RegistryError(RassegnaError):
    """The outlet registry has a bad row; nothing of it was stored."""


class StoreError(RassegnaError):
    """The store cannot be opened or is of a newer schema than this rassegna."""


class CrawlError(RassegnaError):
    """The crawl could not start or stopped abnormally."""


class ExtractionError(RassegnaError):
    """A page holds no article that can be extracted; the message is the reason."""


class ImportFileError(RassegnaError):
    """A file of uscite was refused; the message lists file, line and reason of each bad row."""
