"""What the no-server-errors test walks: every URL pattern of the site, every API operation, the forms on the
pages, and the odd values it puts in them."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

LANGUAGES = ("en", "ru", "kk")

# What a path segment may be made of. Percent-encoded as sent (the server decodes them into the path): a NUL,
# control characters, a climb out of the folder, a very long string, numbers past bigint, negative numbers,
# digits of other scripts (Arabic-Indic, fullwidth), broken UTF-8, markup and SQL.
ODD_SEGMENTS = (
    "%00",
    "a%00b",
    "..",
    "..%2F..%2Fsettings.py",
    "x" * 3000,
    "99999999999999999999",
    "-1",
    quote("١٩٠٥٤٠٠٠٠١٢٣"),
    quote("１９０５４０００００１２"),
    "%FF%FE",
    "%0D%0Aset-cookie:x",
    "%01%1F%7F",
    quote("<script>alert(1)</script>"),
    quote("' OR '1'='1"),
    "1e30",
)
# An int converter only takes [0-9]+: the odd ones are the sizes.
ODD_INTEGERS = ("0", "00", "99999999999999999999", "9223372036854775808", "2147483648")
# Values for query parameters and form fields, sent as text (the client percent-encodes them), by the kind of
# answer they stand in for: a date past year 9999 or before year 1, a number past bigint or Decimal's digits,
# text with a NUL, control characters, far too long, or digits of other scripts.
ODD_BY_KIND = {
    "date": ("9999-12-31", "10000-01-01", "0001-01-01", "2025-02-30", "\x00", "２０２５-０３-１４"),
    "number": ("99999999999999999999", "-99999999999999999999", "-1", "1e30", "NaN", "١٢٣", "1000000", "0.0001"),
    "text": (
        "\x00",
        "a\x00b",
        "x" * 5000,
        "١٩٠٥٤٠٠٠٠١٢٣",
        "１９０５４０００００１２",
        "\x01\x1f\x7f",
        '=HYPERLINK("http://x")',
        "../../etc/passwd",
        "<script>alert(1)</script>",
        "' OR '1'='1",
        "2025-Q9",
        "\r\n",
        "",
    ),
}
ODD_BY_KIND["integer"] = ODD_BY_KIND["number"]
# The few of each kind that most often break something: every field gets all of these (the rest in turn).
POTENT_BY_KIND = {
    "date": ("9999-12-31", "0001-01-01"),
    "number": ("99999999999999999999", "1e30", "-1"),
    "text": ("\x00", "x" * 5000, "١٩٠٥٤٠٠٠٠١٢٣"),
}
POTENT_BY_KIND["integer"] = POTENT_BY_KIND["number"]
ODD_VALUES = tuple(dict.fromkeys(v for values in ODD_BY_KIND.values() for v in values))


def odd_for(kind: str) -> tuple[str, ...]:
    """The odd values for an answer of this kind (date, number, integer, text); any odd value if unknown."""
    return ODD_BY_KIND.get(kind, ODD_VALUES)


def potent_for(kind: str) -> tuple[str, ...]:
    return POTENT_BY_KIND.get(kind, POTENT_BY_KIND["text"])


# Sensible values mixed in with the odd ones, so that a parameter's neighbours let it reach the code behind them.
PLAUSIBLE = ("1", "30", "2025-03-14", "7208", "720810", "190540000123", "351010000", "working_days", "HS", "2025-Q1")


# A sensible answer for a field or parameter, by its name or else by its kind.
SENSIBLE_BY_NAME = {
    "identifier": "190540000123",
    "bin": "190540000123",
    "hs_code": "720810",
    "code": "7208",
    "product_code": "7208",
    "tnved_code": "7208100000",
    "kato": "351010000",
    "site_kato": "351010000",
    "region": "35",
    "period": "2025-03",
    "quarter": "2025-Q1",
    "email": "someone@example.kz",
    "citizenship": "DEU",
    "source": "solid_minerals",
    "kind": "include",
    "unit": "t",
    "from": "2025-03-14",
}
SENSIBLE_BY_KIND = {"date": "2025-03-14", "number": "10", "integer": "1", "email": "someone@example.kz"}


def sensible(name: str, kind: str) -> str:
    return SENSIBLE_BY_NAME.get(name) or SENSIBLE_BY_KIND.get(kind) or "Test"


def mixed(rng: random.Random, keys: list[str]) -> dict[str, str]:
    """Each key its own value, odd or sensible, chosen by `rng` (seeded: the walk is the same every run)."""
    return {key: rng.choice(ODD_VALUES if rng.random() < 0.6 else PLAUSIBLE) for key in keys}


@dataclass(frozen=True)
class Pattern:
    """One URL pattern: its parts as the resolver nests them, and the view it reaches."""

    parts: tuple[object, ...]
    name: str
    lookup: str

    @property
    def localized(self) -> bool:
        return any(isinstance(p, LocalePrefixPattern) for p in self.parts)

    def url(self, language: str, values: Iterator[str], ints: Iterator[str]) -> str:
        """The pattern with each converter replaced by the next odd value (an int converter by the next odd size)."""
        out = []
        for part in self.parts:
            if isinstance(part, LocalePrefixPattern):
                out.append(f"{language}/")
            elif isinstance(part, RoutePattern):
                route = str(part._route)
                out.append(
                    re.sub(
                        r"<(?:(\w+):)?\w+>",
                        lambda m: next(ints) if m[1] == "int" else next(values),
                        route,
                    )
                )
            elif isinstance(part, RegexPattern):
                out.append(_from_regex(str(part._regex), values))
            else:  # pragma: no cover - a new kind of pattern must be taught to this walker
                raise AssertionError(f"unknown pattern kind {type(part).__name__}")
        return "/" + "".join(out)


def _from_regex(regex: str, values: Iterator[str]) -> str:
    """A path for one of the admin's regular expressions: an alternation gives its first word, any other group
    an odd value."""

    def group(m: re.Match[str]) -> str:
        body = m[1]
        if re.fullmatch(r"[\w|]+", body):
            return body.split("|")[0]
        if body == r"\d+":
            return "99999999999999999999"
        return next(values)

    path = re.sub(r"\(\?P<\w+>((?:[^()]|\([^()]*\))*)\)", group, regex)
    return path.lstrip("^").removesuffix("\\Z").removesuffix("$").replace("\\", "")


def patterns() -> list[Pattern]:
    """Every URL pattern of the site, the resolver's nesting followed all the way down."""

    def walk(items: list[object], parts: tuple[object, ...], name: str) -> Iterator[Pattern]:
        for item in items:
            if isinstance(item, URLResolver):
                prefix = f"{name}{item.namespace}:" if item.namespace else name
                yield from walk(item.url_patterns, (*parts, item.pattern), prefix)
            elif isinstance(item, URLPattern):
                yield Pattern((*parts, item.pattern), f"{name}{item.name or ''}", item.lookup_str)

    return list(walk(get_resolver("nisi.config.urls").url_patterns, (), ""))


def cycle(values: tuple[str, ...], start: int) -> Iterator[str]:
    """The values from `start` round, so that successive patterns get different odd values."""
    return itertools.islice(itertools.cycle(values), start % len(values), None)


def query_keys() -> list[str]:
    """Every name a view reads from a query string or a posted form: the fields of every form of the site and the
    keys the views read from request.GET and request.POST by hand."""
    from django import forms

    import nisi

    keys: set[str] = set()
    source = Path(nisi.__file__).parent
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        keys.update(re.findall(r"""\.(?:GET|POST)(?:\.get(?:list)?\(|\[)\s*["'](\w+)["']""", text))
    _import_forms(source)
    stack: list[type] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("nisi."):
            keys.update(getattr(cls, "base_fields", {}))
    return sorted(keys)


def _import_forms(source: Path) -> None:
    import importlib

    for path in source.rglob("forms*.py"):
        importlib.import_module(".".join(("nisi", *path.relative_to(source).with_suffix("").parts)))
    for path in source.rglob("forms/*.py"):
        importlib.import_module(".".join(("nisi", *path.relative_to(source).with_suffix("").parts)))


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)  # name → input type, for the fields a person types in
    files: list[str] = field(default_factory=list)


class PageParser(HTMLParser):
    """The links of a page and its forms with the values they would send as they stand."""

    TYPED = {"text", "number", "date", "email", "search", "tel", "url", "password", "textarea", ""}

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "option" and self._select and (a.get("value") or "selected" in a):
            if "selected" in a or not self._form.fields.get(self._select):
                self._form.fields[self._select] = a.get("value", "")
        elif not a.get("name"):
            return
        elif tag == "input":
            self._input(self._form, a)
        elif tag == "select":
            self._select = a["name"]
            self._form.fields.setdefault(a["name"], "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.fields[a["name"]] = ""
            self._form.typed[a["name"]] = "textarea"

    def _input(self, form: Form, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        if kind == "file":
            form.files.append(a["name"])
        elif kind in ("checkbox", "radio"):
            if "checked" in a or a["name"] not in form.fields:
                form.fields[a["name"]] = a.get("value", "on")
        elif kind not in ("submit", "button"):
            form.fields[a["name"]] = a.get("value", "")
            if kind in self.TYPED:
                form.typed[a["name"]] = kind

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
