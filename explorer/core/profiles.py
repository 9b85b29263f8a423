"""Site profiles: where to send, as whom, how. Stored as TOML; secrets never in that file.

The file is ``config_dir()/profiles.toml``, mode 0600, written atomically. Before an existing
file is rewritten its previous content is kept as ``profiles.toml.bak``; a file that does not
parse is never rewritten (every change refuses with a one-line error naming the file and line).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.core.atomic import write_atomic
from explorer.core.envelope_build import AuthMode
from explorer.core.errors import ProfileError, SecretError, VersionError
from explorer.core.paths import profiles_path
from explorer.core.secrets import SecretStore
from explorer.core.versions import LATEST, Version

if TYPE_CHECKING:
    import tomllib

SANDBOX_PROFILE_NAME = "sandbox"
SANDBOX_SITE_NAME = "sandbox"
SANDBOX_WEBEX_ID = "admin"
#: The local sandbox's published demo password. Not a secret: it never goes to the keyring,
#: so the sandbox works on a machine without any keyring backend.
SANDBOX_DEMO_PASSWORD = "sandbox"

DEFAULT_TIMEOUT = 30.0
FILE_FORMAT = 1

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_SITE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
#: Keys that must never appear in the profiles file.
_SECRET_KEYS = frozenset(
    {
        "password",
        "secret",
        "sessionticket",
        "session_ticket",
        "accesstoken",
        "access_token",
        "webexaccesstoken",
        "jwt",
        "jwttoken",
        "token",
    }
)
#: Auth modes that need a user identity (webExID or email) in the securityContext.
_NEEDS_USER = frozenset({"password", "ticket", "token"})


def default_url(site_name: str) -> str:
    return f"https://{site_name}.webex.com/WBXService/XMLService"


@dataclass
class Profile:
    name: str
    site_name: str
    url: str | None = None
    auth: AuthMode = AuthMode.PASSWORD
    webex_id: str | None = None
    email: str | None = None
    partner_id: str | None = None
    client_info: str | None = None
    api_version: str = str(LATEST)
    verify_tls: bool = True
    proxy: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    builtin: bool = False

    @property
    def endpoint(self) -> str:
        return self.url or default_url(self.site_name)

    @property
    def version(self) -> Version:
        return Version.parse(self.api_version)

    @property
    def needs_secret(self) -> bool:
        return AuthMode(self.auth).value != "anonymous"

    def validated(self) -> Profile:
        """A normalised copy, or ``ProfileError`` with one line saying what is wrong."""
        return _validate(self)

    def to_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in fields(self):
            if field.name == "name":
                continue
            value = getattr(self, field.name)
            if value is None:
                continue
            if field.name == "auth":
                value = AuthMode(value).value
            data[field.name] = value
        return data


def _validate(profile: Profile) -> Profile:
    name = str(profile.name or "").strip()
    if not _NAME_RE.match(name):
        raise ProfileError(
            f"bad profile name {name!r}: use letters, digits, '-', '_' or '.', at most 64"
        )
    where = f"profile '{name}'"
    site = str(profile.site_name or "").strip()
    if not _SITE_RE.match(site):
        raise ProfileError(
            f"{where}: bad site name {site!r} (e.g. 'mycompany' for mycompany.webex.com)"
        )
    try:
        auth = AuthMode(str(profile.auth).strip().lower())
    except ValueError:
        choices = "|".join(m.value for m in AuthMode)
        raise ProfileError(f"{where}: unknown auth mode {profile.auth!r} ({choices})") from None
    url = _opt(profile.url)
    if url is not None and _has_userinfo(url):
        raise ProfileError(
            f"{where}: the url holds a user name or password; secrets do not belong in profiles"
        )
    if url is not None and not re.match(r"^https?://[^\s/]+", url):
        raise ProfileError(f"{where}: url must start with https:// or http:// (got {url!r})")
    webex_id, email = _opt(profile.webex_id), _opt(profile.email)
    if auth.value in _NEEDS_USER and not (webex_id or email):
        raise ProfileError(f"{where}: auth '{auth.value}' needs a webExID or an email")
    if email is not None and "@" not in email:
        raise ProfileError(f"{where}: {email!r} is not an email address")
    try:
        api_version = str(Version.parse(str(profile.api_version or LATEST)))
    except VersionError as exc:
        raise ProfileError(f"{where}: {exc}") from None
    if not isinstance(profile.verify_tls, bool):
        raise ProfileError(f"{where}: verify_tls must be true or false")
    if not isinstance(profile.builtin, bool):
        raise ProfileError(f"{where}: builtin must be true or false")
    try:
        timeout = float(profile.timeout)
    except (TypeError, ValueError):
        raise ProfileError(f"{where}: timeout must be a number of seconds") from None
    if not 0 < timeout <= 3600:
        raise ProfileError(f"{where}: timeout must be between 0 and 3600 seconds")
    proxy = _opt(profile.proxy)
    if proxy is not None and not re.match(r"^(https?|socks5h?)://\S+$", proxy):
        raise ProfileError(f"{where}: proxy must be a URL such as http://proxy:8080")
    if proxy is not None and _has_userinfo(proxy):
        raise ProfileError(
            f"{where}: proxy credentials do not belong in the profiles file; set HTTPS_PROXY "
            "in the environment instead"
        )
    return replace(
        profile,
        name=name,
        site_name=site,
        auth=auth,
        url=url,
        webex_id=webex_id,
        email=email,
        partner_id=_opt(profile.partner_id),
        client_info=_opt(profile.client_info),
        api_version=api_version,
        timeout=timeout,
        proxy=proxy,
    )


def _has_userinfo(url: str) -> bool:
    authority = url.split("://", 1)[-1].split("/", 1)[0]
    return "@" in authority


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def sandbox_profile(url: str) -> Profile:
    return Profile(
        name=SANDBOX_PROFILE_NAME,
        site_name=SANDBOX_SITE_NAME,
        url=url,
        auth=AuthMode.PASSWORD,
        webex_id=SANDBOX_WEBEX_ID,
        verify_tls=True,
        builtin=True,
    ).validated()


def secret_for(profile: Profile, secrets: SecretStore | None = None) -> str | None:
    """The profile's secret: for the built-in sandbox its environment variable (a sandbox
    started with --admin-password) or the demo password, else the store's."""
    if profile.builtin and profile.name == SANDBOX_PROFILE_NAME:
        from explorer.core.secrets import env_var_name

        return os.environ.get(env_var_name(SANDBOX_PROFILE_NAME)) or SANDBOX_DEMO_PASSWORD
    if not profile.needs_secret:
        return None
    return (secrets or SecretStore()).get(profile.name)


class ProfileStore:
    """The profiles file. Every call reads it afresh, so other processes' changes show."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, secrets: SecretStore | None = None
    ) -> None:
        self._path = Path(path) if path is not None else None
        self.secrets = secrets or SecretStore()

    @property
    def path(self) -> Path:
        return self._path if self._path is not None else profiles_path()

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    # -- reading ---------------------------------------------------------------------------

    def _read(self) -> tuple[dict[str, Profile], str | None]:
        path = self.path
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}, None
        except OSError as exc:
            raise ProfileError(f"cannot read profiles file {path}: {exc.strerror or exc}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ProfileError(
                f"profiles file {path} line {line}: not UTF-8 text; fix or remove the file "
                "(it was not changed)"
            ) from None
        import tomllib  # here: a first run, which has no file yet, never needs it

        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ProfileError(_toml_error(path, exc)) from None
        return self._profiles_from(document, text), text

    def _profiles_from(self, document: dict[str, Any], text: str) -> dict[str, Profile]:
        path = self.path
        tables = document.get("profiles", {})
        if not isinstance(tables, dict):
            raise ProfileError(f"profiles file {path}: 'profiles' must be a table")
        known = {f.name for f in fields(Profile)} - {"name"}
        result: dict[str, Profile] = {}
        for name, table in tables.items():
            line = _table_line(text, name)
            where = _where(path, line)
            if not isinstance(table, dict):
                raise ProfileError(f"{where}: profile '{name}' must be a table")
            secret_keys = sorted(k for k in table if k.lower() in _SECRET_KEYS)
            if secret_keys:
                where = _where(path, _key_line(text, name, secret_keys[0]) or line)
                raise ProfileError(
                    f"{where}: profile '{name}' holds '{secret_keys[0]}'; secrets do not belong "
                    "in this file: remove the line and store it with `profiles add`"
                )
            unknown = sorted(set(table) - known)
            if unknown:
                where = _where(path, _key_line(text, name, unknown[0]) or line)
                raise ProfileError(f"{where}: profile '{name}' has unknown setting '{unknown[0]}'")
            if "site_name" not in table:
                raise ProfileError(f"{where}: profile '{name}' has no site_name")
            try:
                result[name] = Profile(name=name, **table).validated()
            except ProfileError as exc:
                raise ProfileError(f"{where}: {exc}") from None
            except TypeError:
                raise ProfileError(
                    f"{where}: profile '{name}' has a setting of the wrong type"
                ) from None
        return result

    def list(self) -> list[Profile]:
        profiles, _ = self._read()
        return sorted(profiles.values(), key=lambda p: (not p.builtin, p.name.lower()))

    def names(self) -> list[str]:
        return [p.name for p in self.list()]

    def find(self, name: str) -> Profile | None:
        profiles, _ = self._read()
        return profiles.get(name)

    def get(self, name: str) -> Profile:
        profiles, _ = self._read()
        if name in profiles:
            return profiles[name]
        known = ", ".join(sorted(profiles)) or "none yet"
        raise ProfileError(f"unknown profile '{name}' (known: {known})")

    # -- writing ---------------------------------------------------------------------------

    def add(self, profile: Profile, secret: str | None = None) -> Profile:
        """Save a new profile, then its secret (keyring). ``ProfileError`` if it exists.

        When no keyring backend can take the secret, the profile stays saved and
        ``SecretError`` says which environment variable to set instead.
        """
        profile = profile.validated()
        if profile.name == SANDBOX_PROFILE_NAME and not profile.builtin:
            raise ProfileError(
                f"'{SANDBOX_PROFILE_NAME}' is the built-in sandbox profile; choose another name"
            )
        with self._locked():
            profiles, text = self._read()
            if profile.name in profiles:
                raise ProfileError(
                    f"profile '{profile.name}' already exists (remove it first, or update it)"
                )
            from explorer.core.secrets import env_var_name

            variable = env_var_name(profile.name)
            twin = next((name for name in profiles if env_var_name(name) == variable), None)
            if twin is not None:
                raise ProfileError(
                    f"profile '{profile.name}' would share the secret variable {variable} with "
                    f"profile '{twin}'; choose another name"
                )
            profiles[profile.name] = profile
            self._write(profiles, text)
        if secret is not None:
            self._store_secret(profile, secret)
        return profile

    def update(self, profile: Profile, secret: str | None = None) -> Profile:
        profile = profile.validated()
        with self._locked():
            profiles, text = self._read()
            if profile.name not in profiles:
                known = ", ".join(sorted(profiles)) or "none yet"
                raise ProfileError(f"unknown profile '{profile.name}' (known: {known})")
            if profiles[profile.name].builtin:
                profile = replace(profile, builtin=True)
            profiles[profile.name] = profile
            self._write(profiles, text)
        if secret is not None:
            self._store_secret(profile, secret)
        return profile

    def remove(self, name: str) -> None:
        with self._locked():
            profiles, text = self._read()
            if name not in profiles:
                known = ", ".join(sorted(profiles)) or "none yet"
                raise ProfileError(f"unknown profile '{name}' (known: {known})")
            builtin = profiles[name].builtin
            del profiles[name]
            self._write(profiles, text)
        if not builtin:
            with contextlib.suppress(SecretError):
                self.secrets.delete(name)

    def ensure_sandbox(self, url: str, api_version: str | None = None) -> Profile:
        """Create or point the built-in sandbox profile at ``url`` (and, when given, the API
        version that sandbox answers as); no keyring involved."""
        wanted = sandbox_profile(url)
        with self._locked():
            profiles, text = self._read()
            current = profiles.get(SANDBOX_PROFILE_NAME)
            if current is not None and not current.builtin:
                raise ProfileError(
                    f"a user profile named '{SANDBOX_PROFILE_NAME}' exists in {self.path}; "
                    "rename or remove it to use the built-in sandbox profile"
                )
            if current is not None:
                # Keep the user's choices (e.g. timeout); follow the sandbox's URL.
                wanted = replace(current, url=wanted.url)
            if api_version is not None:
                wanted = replace(wanted, api_version=api_version)
            if wanted == current:
                return current
            profiles[SANDBOX_PROFILE_NAME] = wanted
            self._write(profiles, text)
        return wanted

    def _store_secret(self, profile: Profile, secret: str) -> None:
        try:
            self.secrets.set(profile.name, secret)
        except SecretError as exc:
            raise SecretError(
                f"profile '{profile.name}' saved, but its secret was not: {exc}"
            ) from None

    def _write(self, profiles: dict[str, Profile], previous_text: str | None) -> None:
        ordered = sorted(profiles.values(), key=lambda p: (not p.builtin, p.name.lower()))
        document = {"format": FILE_FORMAT, "profiles": {p.name: p.to_toml() for p in ordered}}
        text = ("# webex-xml-explorer site profiles. Secrets are never in this file: they are in "
                "the OS keyring or in WEBEX_EXPLORER_SECRET_<NAME>.\n")
        import tomli_w

        text += tomli_w.dumps(document)
        try:
            if previous_text is not None:
                if previous_text == text:
                    return
                write_atomic(self.backup_path, previous_text)
            write_atomic(self.path, text)
        except OSError as exc:
            raise ProfileError(
                f"cannot write profiles file {self.path}: {exc.strerror or exc}"
            ) from None

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serialise read-modify-write across processes (POSIX advisory lock)."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            lock_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise ProfileError(
                f"cannot lock profiles file {self.path}: {exc.strerror or exc}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if line is None and match:
        line = int(match.group(1))
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", getattr(exc, "msg", message))
    reason = re.sub(r"\s*\(at end of document\)", "", reason)
    at = f" line {line}" if line else ""
    return (
        f"profiles file {path}{at}: not valid TOML ({reason}); fix or remove the file "
        "(it was not changed)"
    )


def _where(path: Path, line: int | None) -> str:
    return f"profiles file {path} line {line}" if line else f"profiles file {path}"


def _key_line(text: str, name: str, key: str) -> int | None:
    """Line of ``key = ...`` inside the ``[profiles.name]`` table."""
    start = _table_line(text, name)
    if start is None:
        return None
    lines = text.splitlines()
    key_re = re.compile(r"^[ \t]*[\"']?" + re.escape(key) + r"[\"']?[ \t]*=")
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if key_re.match(lines[number]):
            return number + 1
    return None


def _table_line(text: str, name: str) -> int | None:
    pattern = re.compile(
        r"^[ \t]*\[\s*profiles\s*\.\s*(?:"
        + re.escape(name)
        + r"|\""
        + re.escape(name)
        + r"\"|'"
        + re.escape(name)
        + r"')\s*\]",
        re.MULTILINE,
    )
    match = pattern.search(text)
    return text[: match.start()].count("\n") + 1 if match else None
