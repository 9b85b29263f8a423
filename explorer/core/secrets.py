"""Profile secrets (password, session ticket, access token, JWT): OS keyring, else env var.

Keyring service ``webex-xml-explorer``, username = profile name. Where no usable keyring
backend exists (keyring's fail backend, an empty chain, or a backend that errors, e.g. no
Secret Service daemon), the secret is read from ``WEBEX_EXPLORER_SECRET_<PROFILE>``, and every
message says so. Secret values never appear in messages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from explorer.core.errors import SecretError

if TYPE_CHECKING:  # keyring is imported when a secret is first needed (about 25 ms)
    import keyring.backend

SERVICE_NAME = "webex-xml-explorer"
ENV_PREFIX = "WEBEX_EXPLORER_SECRET_"


def env_var_name(profile_name: str) -> str:
    """``WEBEX_EXPLORER_SECRET_`` + the profile name upper-cased, non-alphanumerics as ``_``."""
    return ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", profile_name.upper())


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        try:
            return bool(backend.backends)
        except Exception:
            return False
    return True


class SecretStore:
    """Reads and writes profile secrets. ``environ`` defaults to ``os.environ`` (read at use)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = environ
        self.last_source: str | None = None

    @property
    def environ(self) -> Mapping[str, str]:
        return self._environ if self._environ is not None else os.environ

    def _backend(self) -> keyring.backend.KeyringBackend | None:
        try:
            import keyring

            backend = keyring.get_keyring()
        except Exception:
            return None
        return backend if _usable(backend) else None

    def backend_available(self) -> bool:
        return self._backend() is not None

    def backend_name(self) -> str:
        backend = self._backend()
        if backend is None:
            return "none"
        return getattr(backend, "name", type(backend).__name__)

    def status_line(self) -> str:
        """One line for screens and ``profiles list``: where secrets are kept."""
        if self.backend_available():
            return f"secrets are kept in the OS keyring ({self.backend_name()})"
        return (
            f"no keyring backend: secrets are read from {ENV_PREFIX}<PROFILE> environment variables"
        )

    def get(self, profile_name: str) -> str | None:
        """The secret, or None when none is stored; ``SecretError`` when it cannot be known.

        Order: keyring, then the environment variable. Without a usable keyring and without
        the variable, ``SecretError`` names the variable to set.
        """
        var = env_var_name(profile_name)
        backend = self._backend()
        problem = "no keyring backend"
        if backend is not None:
            try:
                secret = backend.get_password(SERVICE_NAME, profile_name)
            except Exception as exc:
                problem = f"keyring backend unusable ({type(exc).__name__})"
            else:
                if secret:
                    self.last_source = "keyring"
                    return secret
                problem = ""
        from_env = self.environ.get(var)
        if from_env:
            self.last_source = f"environment variable {var}"
            return from_env
        self.last_source = None
        if problem:
            raise SecretError(f"{problem}: set {var} to the secret of profile '{profile_name}'")
        return None

    def require(self, profile_name: str) -> str:
        """Like ``get`` but a missing secret is a ``SecretError`` too."""
        secret = self.get(profile_name)
        if secret is None:
            raise SecretError(
                f"no secret stored for profile '{profile_name}': store one with `webex-explorer "
                f"profiles add {profile_name} ... --secret-stdin` or set "
                f"{env_var_name(profile_name)}"
            )
        return secret

    def source(self, profile_name: str) -> str:
        """Where ``get`` would find the secret, for messages ("keyring", "environment ...")."""
        try:
            found = self.get(profile_name)
        except Exception:
            return "nowhere"
        return self.last_source if found is not None else "nowhere"

    def set(self, profile_name: str, secret: str) -> None:
        if not secret:
            raise SecretError(f"empty secret for profile '{profile_name}': nothing stored")
        var = env_var_name(profile_name)
        backend = self._backend()
        if backend is None:
            raise SecretError(
                f"no keyring backend to store the secret of profile "
                f"'{profile_name}': set {var} instead"
            )
        try:
            backend.set_password(SERVICE_NAME, profile_name, secret)
        except Exception as exc:
            raise SecretError(
                f"keyring backend unusable ({type(exc).__name__}) to store the "
                f"secret of profile '{profile_name}': set {var} instead"
            ) from None

    def delete(self, profile_name: str) -> None:
        """Forget the stored secret; nothing stored (or no backend) is not an error."""
        backend = self._backend()
        if backend is None:
            return
        import keyring.errors

        try:
            backend.delete_password(SERVICE_NAME, profile_name)
        except keyring.errors.PasswordDeleteError:
            return
        except Exception as exc:
            raise SecretError(
                f"keyring backend unusable ({type(exc).__name__}): could not "
                f"delete the secret of profile '{profile_name}'"
            ) from None


def warm_up() -> None:
    """Import keyring and pick its backend now (about 50-100 ms), e.g. from a worker thread
    while a UI starts, so the first secret read does not pay for it. Never raises."""
    try:
        import keyring

        keyring.get_keyring()
    except Exception:
        return
