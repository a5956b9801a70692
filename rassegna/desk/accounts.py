"""The desk's accounts: names, roles, argon2 password hashes, and a brake on guessing.

``rassegna users add NAME --role editor|viewer`` stores an account in the store
(``users``): the password is kept as an argon2id hash (argon2-cffi's defaults, salted,
memory-hard), never in clear. Editors decide; viewers read. :class:`LoginBrake` refuses
logins for a while after repeated failures for one name or from one address.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from common.errors import RassegnaError
from rassegna.store import Store, User

__all__ = ["ROLES", "LoginBrake", "add_user", "check_password", "hash_password"]

ROLES = ("editor", "viewer")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
_MIN_PASSWORD = 10
_HASHER = PasswordHasher()
# checked against when the name is unknown, so that a wrong name costs what a wrong
# password costs (no telling names apart by the time of the answer)
_DUMMY = _HASHER.hash("rassegna: no such account")


def hash_password(password: str) -> str:
    """The argon2id hash of ``password``, salt and parameters included."""
    return _HASHER.hash(password)


def add_user(store: Store, name: str, role: str, password: str) -> User:
    """Store the account (a new one, or new role and password for an existing one).

    Raises:
        RassegnaError: for a name that is not lower-case letters, digits and ``._@-``,
            an unknown role, or a password shorter than ten characters.
    """
    if not _NAME.match(name):
        raise RassegnaError(f"users add: {name!r} is not a valid name (lower-case letters, "
                            "digits and . _ @ -, at most 64)")
    if role not in ROLES:
        raise RassegnaError(f"users add: role {role!r} is not one of {', '.join(ROLES)}")
    if len(password) < _MIN_PASSWORD:
        raise RassegnaError(f"users add: the password needs at least {_MIN_PASSWORD} characters")
    store.save_user(name, role, hash_password(password))
    user = store.user(name)
    assert user is not None
    return user


def check_password(store: Store, name: str, password: str) -> User | None:
    """The account when ``password`` is its password, else None (an unknown name too)."""
    user = store.user(name)
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


@dataclass
class LoginBrake:
    """At most ``per_name`` failed logins for one name, and ``per_address`` from one
    address, in ``window`` seconds; past that, logins for that name or from that address
    are refused until the oldest failure leaves the window."""

    per_name: int = 5
    per_address: int = 20
    window: float = 300.0
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def wait(self, name: str, address: str) -> float:
        """Seconds before a login for ``name`` from ``address`` is tried again (0: now)."""
        now = time.monotonic()
        with self._lock:
            waits = [self.window - (now - times[0])
                     for key, most in ((f"n:{name}", self.per_name),
                                       (f"a:{address}", self.per_address))
                     if len(times := self._recent(key, now)) >= most]
        return max(waits, default=0.0)

    def failed(self, name: str, address: str) -> None:
        """Count a failed login for ``name`` from ``address``."""
        now = time.monotonic()
        with self._lock:
            for key in (f"n:{name}", f"a:{address}"):
                self._recent(key, now).append(now)
