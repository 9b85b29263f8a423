"""Site profiles and their secrets: choose, switch and refresh profiles; prompt for a
missing secret.

A mixin of ExplorerApp (explorer.tui.app): it reads and sets the app's state and
widgets; the app wires keys and messages to it."""

from __future__ import annotations

from typing import Any

from explorer.tui.app_defaults import DEMO_SESSION_KEY, FIRST_COMMAND, SANDBOX
from explorer.tui.widgets.topbar.top_bar import TopBar


class ProfilesMixin:
    """The active site profile, the profile list in the top bar, the profile's secret."""

    def _load_profiles(self, wanted: str) -> None:
        names: list[str] = []
        try:
            names = self.profiles_store.names()
        except Exception as exc:
            self.notify(str(exc), severity="error", title="profiles")
        if SANDBOX not in names:
            names.insert(0, SANDBOX)
        if wanted not in names:
            self.notify(f"unknown profile '{wanted}': using the sandbox", severity="warning")
            wanted = SANDBOX
        profile = None
        if wanted != SANDBOX or SANDBOX in names:
            try:
                profile = self.profiles_store.find(wanted)
            except Exception:
                profile = None
        if wanted == SANDBOX:
            # The sandbox may be up already: point at it rather than at a placeholder URL.
            profile = self._in_memory_sandbox(profile)
        self.ui(TopBar).set_profiles(names, wanted)
        self.activate_profile(profile, first=True)

    @property
    def profiles_store(self) -> Any:
        if self._profiles_store is None:
            from explorer.core.profiles import ProfileStore

            self._profiles_store = ProfileStore()
        return self._profiles_store

    def is_sandbox(self, profile: Any | None = None) -> bool:
        profile = profile or self.profile
        return bool(profile is not None and profile.builtin and profile.name == SANDBOX)

    def activate_profile(self, profile: Any, *, first: bool = False) -> None:
        from explorer.core.versions import Version

        self.profile = profile
        self.version = Version.parse(profile.api_version)
        self.ui(TopBar).show_version(str(self.version))
        self.settings.profile = profile.name
        if not first:
            self.settings.save()
        if self.is_sandbox(profile):
            self.ensure_sandbox()
        elif profile.needs_secret and not self._keyring_warming:
            # The first secret read imports keyring and picks a backend (50-100 ms): do it
            # in a thread now, not on the UI thread at the first lint.
            import threading

            from explorer.core.secrets import warm_up

            self._keyring_warming = True
            threading.Thread(target=warm_up, name="explorer-keyring", daemon=True).start()
        self.sub_title = self._subtitle()
        if not first:
            panes = self._lazy_panes()
            if panes["tab-inspector"].is_attached:
                panes["tab-inspector"].clear()
        if first:
            values = {}
            if self.is_sandbox(profile):
                values = {"sessionKey": DEMO_SESSION_KEY}
            self.open_request(FIRST_COMMAND, values)
        else:
            self.reresolve()

    def _subtitle(self) -> str:
        if self.profile is None:
            return ""
        where = "local sandbox" if self.is_sandbox() else self.profile.endpoint
        if self.stable and self.is_sandbox():
            where = "local sandbox"
        return f"{self.profile.name} · API {self.version} · {where}"

    def switch_profile(self, name: str) -> None:
        try:
            profile = self.profiles_store.find(name)
        except Exception as exc:
            self.notify(str(exc), severity="error", title="profiles")
            return
        if name == SANDBOX and (profile is None or profile.builtin):
            profile = self._in_memory_sandbox(profile)
        if profile is None:
            self.notify(f"unknown profile '{name}'", severity="error")
            return
        self.activate_profile(profile)

    def refresh_profiles(self, active: str | None = None) -> None:
        try:
            names = self.profiles_store.names()
        except Exception as exc:
            self.notify(str(exc), severity="error", title="profiles")
            return
        if SANDBOX not in names:
            names.insert(0, SANDBOX)
        active = active or (self.profile.name if self.profile else SANDBOX)
        if active not in names:
            active = SANDBOX
        self.ui(TopBar).set_profiles(names, active)
        if self.profile is None or active != self.profile.name:
            self.switch_profile(active)
        else:
            try:
                fresh = self.profiles_store.find(active)
            except Exception:
                fresh = None
            if fresh is not None:
                if self.is_sandbox(fresh):
                    fresh = self._in_memory_sandbox(fresh)
                self.profile = fresh
                self.sub_title = self._subtitle()

    def _pick_profile(self, name: str) -> None:
        self.ui(TopBar).set_profiles(
            [n for n in self._profile_names()], name)
        self.switch_profile(name)

    def _profile_names(self) -> list[str]:
        try:
            names = self.profiles_store.names()
        except Exception:
            names = []
        return names if SANDBOX in names else [SANDBOX, *names]

    def _secret(self) -> str | None:
        from explorer.core.profiles import secret_for

        if self.profile is None:
            return None
        if self.profile.name in self.session_secrets and not self.is_sandbox():
            return self.session_secrets[self.profile.name]
        try:
            return secret_for(self.profile, self.profiles_store.secrets)
        except Exception:
            return None

    def _secret_missing(self) -> bool:
        """The profile needs a secret and none is stored (or no keyring can be read)."""
        profile = self.profile
        return bool(profile is not None and profile.needs_secret and not self.is_sandbox()
                    and self._secret() is None)

    def ask_secret(self, text: str) -> None:
        """Prompt (masked) for the profile's secret, store it through the core, then send."""
        from explorer.tui.requests import SECRET_VARIABLE_BY_AUTH
        from explorer.tui.screens.secret import SecretScreen

        profile = self.profile
        if profile is None or self.modal_open():
            return
        what = SECRET_VARIABLE_BY_AUTH.get(str(profile.auth), "secret")

        def done(secret: str | None) -> None:
            if not secret:
                self.report_error(self._secret_problem() or "no secret", title="secret")
                return
            from explorer.core.errors import ExplorerError

            try:
                self.profiles_store.secrets.set(profile.name, secret)
            except ExplorerError as exc:
                # No keyring: keep it in memory for this run and say how to keep it.
                self.session_secrets[profile.name] = secret
                self.notify(f"{exc}; the secret is kept for this session only",
                            severity="warning", title="secret not stored")
            else:
                self.notify(f"secret for '{profile.name}' stored in the keyring",
                            title="secret")
            self.refresh_variables()
            self.send_request(text)

        from explorer.core.secrets import env_var_name

        secrets = self.profiles_store.secrets
        self.push_screen(SecretScreen(profile.name, what, keyring=secrets.backend_available(),
                                      env_var=env_var_name(profile.name)), done)

    def _secret_problem(self) -> str | None:
        """Why the profile's secret cannot be read (no keyring, nothing stored), if so."""
        from explorer.core.errors import SecretError
        from explorer.core.profiles import secret_for

        profile = self.profile
        if profile is None or not profile.needs_secret:
            return None
        try:
            if secret_for(profile, self.profiles_store.secrets) is None:
                return (f"no secret stored for profile '{profile.name}': add it in Profiles "
                        "(F2)")
        except SecretError as exc:
            return str(exc)
        return None
