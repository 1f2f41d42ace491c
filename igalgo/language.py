"""The language igalgo speaks to a reader: gettext catalogs, text that says itself in the active
language, and numbers and dates as a reader of that language writes them.

Core code builds its sentences as :class:`Text` (with :func:`text` and :func:`tr_plural`): a
``str`` holding the English sentence, so that JSON, CSV and every comparison see English
whatever the language, which also remembers its message id and values so that a renderer can
say it again in the active language with :func:`localized`. Renderers translate their own
labels with :func:`gettext` (``_``) and :func:`ngettext`. The catalogs are
``igalgo/locale/<code>/LC_MESSAGES/igalgo.po`` and their compiled ``.mo``, read with the
standard library's :mod:`gettext`; Babel formats numbers and dates and is imported only while
a language other than English is active (docs/decisions/0142-dutch-translations.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gettext import NullTranslations

DOMAIN = "igalgo"
"""The gettext domain of igalgo's catalogs."""

LOCALE_DIRECTORY = Path(__file__).parent / "locale"
"""Where the compiled catalogs are, inside the package."""

ENGLISH = "en"
"""The language of the message ids, and the one used when nothing chooses another."""

LANGUAGES = ("en", "nl")
"""The languages ``--lang`` accepts: English and each catalog shipped in :data:`LOCALE_DIRECTORY`
(a test keeps the two in step)."""

LANGUAGE_VARIABLE = "IGALGO_LANG"
"""The environment variable that chooses the language when ``--lang`` and the profile do not."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The POSIX locale variables, in the order the C library reads them."""


class _Active:
    """The language now in use and its catalog (one per process: the command line's)."""

    code: str = ENGLISH
    catalog: NullTranslations | None = None
    """None for English: the message ids are the English text (gettext is not imported)."""


_ACTIVE = _Active()


def active_language() -> str:
    """The code of the language now in use (``en``, ``nl``)."""
    return _ACTIVE.code


def activate(code: str) -> None:
    """Use ``code``'s catalog from now on (English: the message ids themselves)."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}")
    _ACTIVE.code = code
    _ACTIVE.catalog = None
    if code != ENGLISH:
        from gettext import translation

        _ACTIVE.catalog = translation(DOMAIN, LOCALE_DIRECTORY, languages=[code])


@contextmanager
def using(code: str) -> Iterator[None]:
    """Use ``code`` inside the block and the previous language after it."""
    before = _ACTIVE.code
    activate(code)
    try:
        yield
    finally:
        activate(before)


def language_of_locale(value: str) -> str | None:
    """The language of a POSIX locale name (``nl_NL.UTF-8`` -> ``nl``), or None when it is not
    one igalgo speaks (``C``, ``POSIX``, ``de_DE``)."""
    code = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].strip().lower()
    return code if code in LANGUAGES else None


def choose_language(
    option: str | None, profile: str | None, environ: Mapping[str, str] = os.environ
) -> str:
    """The language of a run: ``--lang``, else the profile's ``language``, else
    :data:`LANGUAGE_VARIABLE`, else the first locale variable that is set, else English.

    Raises ValueError naming where an unknown language came from (the CLI turns it into a
    usage error).
    """
    if option is not None:
        return _known(option, "--lang")
    if profile is not None:
        return _known(profile, "language")
    chosen = environ.get(LANGUAGE_VARIABLE, "").strip()
    if chosen:
        return _known(chosen, LANGUAGE_VARIABLE)
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:
            return language_of_locale(value) or ENGLISH
    return ENGLISH


def _known(code: str, where: str) -> str:
    """``code`` lower-cased when igalgo speaks it; else ValueError naming ``where``."""
    value = code.strip().lower()
    if value not in LANGUAGES:
        raise ValueError(
            f"{where}: unknown language {code!r} (expected one of {', '.join(LANGUAGES)})"
        )
    return value


# --- translating -----------------------------------------------------------------------------


def gettext(message: str) -> str:
    """``message`` in the active language (a renderer's own label)."""
    catalog = _ACTIVE.catalog
    return message if catalog is None else catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """``singular`` or ``plural`` for ``count``, in the active language."""
    catalog = _ACTIVE.catalog
    if catalog is None:
        return singular if count == 1 else plural
    return catalog.ngettext(singular, plural, count)


class Localizable(str):
    """English text that can also be said in the active language."""

    def localized(self) -> str:
        """The text in the active language."""
        return str.__str__(self)


def localized(value: object) -> str:
    """``value`` in the active language: a :class:`Localizable` says itself again, anything
    else is its ``str``."""
    if isinstance(value, Localizable):
        return value.localized() if _ACTIVE.code != ENGLISH else str.__str__(value)
    return str(value)


class Text(Localizable):
    """A sentence: its English text, and the message id and values it was made from."""

    msgid: str
    plural: str | None
    quantity: int
    params: dict[str, Any]

    def __new__(
        cls, msgid: str, params: Mapping[str, Any], plural: str | None = None, count: int = 1
    ) -> Text:
        """The English sentence of ``msgid`` (``plural`` when ``count`` is not 1)."""
        template = msgid if plural is None or count == 1 else plural
        self = super().__new__(cls, template.format(**{k: str(v) for k, v in params.items()}))
        self.msgid, self.plural, self.quantity, self.params = msgid, plural, count, dict(params)
        return self

    def localized(self) -> str:
        """The sentence from the active catalog, its values said in the active language."""
        if self.plural is None:
            template = gettext(self.msgid)
        else:
            template = ngettext(self.msgid, self.plural, self.quantity)
        return template.format(**{k: localized(v) for k, v in self.params.items()})

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its parts in a worker process."""
        return (Text, (self.msgid, self.params, self.plural, self.quantity))


def tr(msgid: str, **params: Any) -> Text:
    """A sentence to translate: ``tr("move it to {when}", when=...)`` (named placeholders)."""
    return Text(msgid, params)


def tr_plural(singular: str, plural: str, count: int, **params: Any) -> Text:
    """A sentence with a singular and a plural form chosen by ``count``."""
    return Text(singular, params, plural, count)


def capitalized(value: str) -> str:
    """``value`` in the active language with its first letter upper-cased."""
    said = localized(value)
    return said[:1].upper() + said[1:]


class Capitalized(Localizable):
    """Text whose first letter is upper-cased in every language (a sentence's start)."""

    part: str

    def __new__(cls, part: str) -> Capitalized:
        """``part`` with its first letter upper-cased."""
        self = super().__new__(cls, part[:1].upper() + part[1:])
        self.part = part
        return self

    def localized(self) -> str:
        """The part in the active language, its first letter upper-cased."""
        return capitalized(self.part)

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its part in a worker process."""
        return (Capitalized, (self.part,))


class Joined(Localizable):
    """Parts joined by a separator (``, ``), each said in the active language."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: Iterable[str], separator: str = ", ") -> Joined:
        """``parts`` joined by ``separator``."""
        kept = tuple(parts)
        self = super().__new__(cls, separator.join(kept))
        self.parts, self.separator = kept, separator
        return self

    def localized(self) -> str:
        """The parts in the active language, joined."""
        return self.separator.join(localized(part) for part in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its parts in a worker process."""
        return (Joined, (self.parts, self.separator))


# --- numbers and dates -----------------------------------------------------------------------


class Number(Localizable):
    """A number as its reader writes it: ``4,200`` / ``4.200``, ``11.6`` / ``11,6``."""

    value: float
    digits: int
    sign: bool
    grouped: bool

    def __new__(
        cls, value: float, digits: int = 0, sign: bool = False, grouped: bool = True
    ) -> Number:
        """``value`` with ``digits`` decimals, a ``+`` when ``sign``, thousands grouped."""
        spec = f"{'+' if sign else ''}{',' if grouped else ''}.{digits}f"
        self = super().__new__(cls, format(value, spec))
        self.value, self.digits, self.sign, self.grouped = value, digits, sign, grouped
        return self

    def localized(self) -> str:
        """The number in the active language's way (Babel's)."""
        from babel.numbers import format_decimal

        pattern = ("#,##0" if self.grouped else "0") + (
            "." + "0" * self.digits if self.digits else ""
        )
        if self.sign:
            pattern = f"+{pattern};-{pattern}"
        return str(format_decimal(self.value, pattern, locale=_ACTIVE.code))

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its parts in a worker process."""
        return (Number, (self.value, self.digits, self.sign, self.grouped))


def number(value: float, digits: int = 0, sign: bool = False, grouped: bool = True) -> str:
    """``value`` as the active language writes it (see :class:`Number`)."""
    return localized(Number(value, digits, sign, grouped))


MOMENT_PATTERNS: Mapping[str, tuple[str, str]] = {
    "weekday_date_time": ("%a %Y-%m-%d %H:%M", "EEE d MMM yyyy HH:mm"),
    "weekday_day_time": ("%a %d %b %H:%M", "EEE d MMM HH:mm"),
    "weekday_day": ("%a %d %b", "EEE d MMM"),
    "weekday": ("%a", "EEE"),
    "weekday_long": ("%A", "EEEE"),
    "day": ("%d %b", "d MMM"),
    "date": ("%Y-%m-%d", "d MMM yyyy"),
    "weekday_date": ("%a %Y-%m-%d", "EEE d MMM yyyy"),
    "weekday_time": ("%a %H:%M", "EEE HH:mm"),
}
"""Each way a moment is shown: English (strftime, as igalgo always wrote it) and the Unicode
pattern Babel uses for the other languages (``di 8 dec 19:30``)."""


class Moment(Localizable):
    """A date and time as its reader writes it (one of :data:`MOMENT_PATTERNS`)."""

    when: datetime
    style: str

    def __new__(cls, when: datetime, style: str) -> Moment:
        """``when`` in the English way ``style`` names."""
        self = super().__new__(cls, when.strftime(MOMENT_PATTERNS[style][0]))
        self.when, self.style = when, style
        return self

    def localized(self) -> str:
        """The moment in the active language's way (Babel's)."""
        from babel.dates import format_datetime

        pattern = MOMENT_PATTERNS[self.style][1]
        return str(format_datetime(self.when, pattern, locale=_ACTIVE.code))

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuilt from its parts in a worker process."""
        return (Moment, (self.when, self.style))


def moment(when: datetime, style: str) -> str:
    """``when`` in ``style`` as the active language writes it."""
    return localized(Moment(when, style))


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for a marker
    """``message`` itself, marked for extraction (translated later with :func:`gettext`)."""
    return message


def weekday_name(index: int) -> str:
    """The short name of weekday ``index`` (0 is Monday) in the active language: ``Tue``,
    ``di``."""
    if _ACTIVE.code == ENGLISH:
        return ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[index]
    from babel.dates import get_day_names

    return str(get_day_names("abbreviated", locale=_ACTIVE.code)[index]).rstrip(".")


def decimal(value: float, grouped: bool = False) -> str:
    """``value`` with the decimals ``{value:g}`` shows (``2``, ``0.5``; ``0,5`` in Dutch), thousands
    grouped when ``grouped``."""
    shown = f"{value:g}"
    digits = 0 if "e" in shown else len(shown.partition(".")[2])
    return number(value, digits, grouped=grouped)
