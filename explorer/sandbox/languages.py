"""Welcome-mail languages by languageID, and what each mail says."""

from __future__ import annotations

# languageID -> (name, welcome subject). 19-22 arrived with 40.7.0.
LANGUAGES: dict[int, tuple[str, str]] = {
    1: ("English", "Welcome to Webex"),
    2: ("Simplified Chinese", "欢迎使用 Webex"),
    3: ("Traditional Chinese", "歡迎使用 Webex"),
    4: ("Japanese", "Webex へようこそ"),
    5: ("Korean", "Webex에 오신 것을 환영합니다"),
    6: ("French", "Bienvenue dans Webex"),
    7: ("German", "Willkommen bei Webex"),
    8: ("Italian", "Benvenuto in Webex"),
    9: ("Spanish", "Bienvenido a Webex"),
    10: ("Latin American Spanish", "Bienvenido a Webex"),
    11: ("Swedish", "Välkommen till Webex"),
    12: ("Dutch", "Welkom bij Webex"),
    13: ("Brazilian Portuguese", "Bem-vindo ao Webex"),
    14: ("Russian", "Добро пожаловать в Webex"),
    19: ("Czech", "Vítejte ve Webexu"),
    20: ("Polish", "Witamy w Webex"),
    21: ("Hungarian", "Üdvözli a Webex"),
    22: ("Romanian", "Bun venit la Webex"),
}
NEW_IN_40_7 = frozenset({19, 20, 21, 22})
BY_NAME = {name.lower(): language_id for language_id, (name, _) in LANGUAGES.items()}


def available(language_id: int, with_new: bool) -> bool:
    return language_id in LANGUAGES and (with_new or language_id not in NEW_IN_40_7)


def welcome_body(language_id: int, first_name: str, webex_id: str, site_url: str,
                 html: bool) -> str:
    name, subject = LANGUAGES[language_id]
    lines = (f"{subject}, {first_name}!", f"Webex ID: {webex_id}", f"Site: {site_url}",
             f"({name})")
    if not html:
        return "\n".join(lines)
    from explorer.sandbox.wire import escape

    items = "".join(f"<p>{escape(line)}</p>" for line in lines[1:])
    return (f'<html lang="{name}"><body><h1>{escape(lines[0])}</h1>{items}'
            f'<p><a href="{escape(site_url)}">{escape(site_url)}</a></p></body></html>')
