"""The one place where an untrusted URL is parsed and normalised (a leaf: imports nothing of ours).

Readers (link targets, relative ``href`` resolution), the library (``url`` fields matched
against hyperlinks), the fetcher (what goes on the wire, redirect targets) and therefore the
HTTP cache keys all go through :func:`parse_url`, so a URL means the same thing everywhere and
a malformed one is refused once, with a reason, instead of raising ``ValueError`` or
``UnicodeError`` from deep inside ``urllib``, ``requests`` or the IDNA codec.

:func:`parse_url` raises :class:`BadURL` (a ``ValueError``) with a reason written for people;
:func:`comparison_key` and :func:`join_url` never raise.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

__all__ = ["URL", "BadURL", "comparison_key", "host_key", "join_url", "parse_url"]

MAX_URL_LENGTH = 8192  # far beyond any real citation; longer input is refused, not parsed
_WEB_SCHEMES = {"http", "https"}
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*$")
_LABEL_RE = re.compile(r"^[a-z0-9_](?:[a-z0-9_\-]*[a-z0-9_])?$")
_NUMERIC_HOST_RE = re.compile(r"^[0-9a-fx.]+$")
# What browsers strip anywhere in a URL (WHATWG URL: ASCII tab and newline).
_STRIPPED = str.maketrans("", "", "\t\n\r")
# Characters kept as they are when re-quoting a path, query or fragment: RFC 3986 reserved and
# unreserved characters, and "%" so existing escapes are not escaped twice.
_SAFE = "!#$%&'()*+,/:;=?@[]~-._"


class BadURL(ValueError):
    """A URL that cannot be fetched or compared; ``reason`` says what is wrong with it."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"malformed URL {_shown(url)}: {reason}")


@dataclass(frozen=True)
class URL:
    """A parsed, normalised URL. ``str(url)`` is the form that goes on the wire (and into cache keys)."""

    scheme: str
    host: str  # lower case, IDNA (punycode) for names; IPv6 without brackets
    port: int | None  # None when absent or the scheme's default
    path: str
    query: str
    fragment: str
    userinfo: str = ""

    @property
    def is_web(self) -> bool:
        return self.scheme in _WEB_SCHEMES

    @property
    def netloc(self) -> str:
        if not self.is_web:
            return self.host  # the authority as written (lower-cased), for schemes we never fetch
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port is not None else ""
        user = f"{self.userinfo}@" if self.userinfo else ""
        return f"{user}{host}{port}"

    @property
    def host_port(self) -> str:
        """``host[:port]`` without user info: the per-host key for limits and interleaving."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.port is not None else host

    def __str__(self) -> str:
        return self._unsplit(self.fragment)

    def without_fragment(self) -> str:
        return self._unsplit("")

    def _unsplit(self, fragment: str) -> str:
        # Not urlunsplit: it drops the empty authority of ``a:////``, so the text it gives parses
        # back to another URL (normalising must be idempotent: cache keys depend on it).
        path = self.path or ("/" if self.is_web else "")
        netloc = self.netloc
        text = path
        if netloc or path.startswith("//"):
            text = "//" + netloc + (path if not path or path.startswith("/") else "/" + path)
        text = f"{self.scheme}:{text}"
        if self.query:
            text += "?" + self.query
        if fragment:
            text += "#" + fragment
        return text


def _shown(url: str) -> str:
    text = url if len(url) <= 200 else url[:200] + "…"
    return repr(text)


def parse_url(text: str) -> URL:
    """Parse and normalise ``text``; raise :class:`BadURL` with a reason when it is malformed.

    Surrounding whitespace and ``<…>`` are dropped, tabs and newlines inside are removed (as
    browsers do), the scheme and host are lower-cased, an internationalised host becomes its
    IDNA (punycode) form, a default port is dropped and non-ASCII or space characters in the
    path, query and fragment are percent-encoded. Web (http/https) URLs must have a valid host:
    labels of 1-63 characters, at most 253 in all, no characters a host cannot hold, a valid
    bracketed IPv6 address, and a port from 1 to 65535.
    """
    if not isinstance(text, str):
        raise BadURL(repr(text), "not text")
    raw = text
    text = text.strip().translate(_STRIPPED)
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if not text:
        raise BadURL(raw, "empty")
    if len(text) > MAX_URL_LENGTH:
        raise BadURL(raw, f"longer than {MAX_URL_LENGTH} characters")
    bad = next((ch for ch in text if ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0), None)
    if bad is not None:
        raise BadURL(raw, f"holds the control character {bad!r}")
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise BadURL(raw, _plain(exc)) from None
    scheme = parts.scheme.lower()
    if not scheme or not _SCHEME_RE.match(parts.scheme):
        raise BadURL(raw, "no scheme (such as https://)")
    path = _quote(parts.path)
    query = _quote(parts.query)
    fragment = _quote(parts.fragment)
    if scheme not in _WEB_SCHEMES:
        return URL(scheme, (parts.netloc or "").lower(), None, path, query, fragment)
    netloc = parts.netloc
    if not netloc:
        raise BadURL(raw, "no host")
    userinfo, _, hostport = netloc.rpartition("@")
    host, port = _split_port(raw, hostport)
    host = _normal_host(raw, host)
    if port is not None and port == _DEFAULT_PORTS[scheme]:
        port = None
    return URL(scheme, host, port, path, query, fragment, userinfo=_quote(userinfo))


def _plain(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text[:1].lower() + text[1:]


def _quote(part: str) -> str:
    if part.isascii() and " " not in part and '"' not in part and "<" not in part and ">" not in part:
        return part
    return quote(part, safe=_SAFE)


def _split_port(raw: str, hostport: str) -> tuple[str, int | None]:
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise BadURL(raw, "unclosed '[' in the host")
        host, rest = hostport[: end + 1], hostport[end + 1:]
        if rest and not rest.startswith(":"):
            raise BadURL(raw, f"unexpected {rest!r} after the IPv6 address")
        digits = rest[1:] if rest else None
    else:
        host, sep, digits_ = hostport.rpartition(":")
        if not sep:
            host, digits = hostport, None
        else:
            digits = digits_
    if digits is None or digits == "":
        return host, None
    if not digits.isascii() or not digits.isdigit():
        raise BadURL(raw, f"port {digits!r} is not a number")
    port = int(digits)
    if not 0 < port < 65536:
        raise BadURL(raw, f"port {port} is outside 1-65535")
    return host, port


def _normal_host(raw: str, host: str) -> str:
    if not host:
        raise BadURL(raw, "no host")
    if host.startswith("["):
        inner = host[1:-1]
        address, _, zone = inner.partition("%")
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            raise BadURL(raw, f"{host} is not a valid IPv6 address") from None
        if zone:
            raise BadURL(raw, "an IPv6 zone id cannot be fetched")
        return address.lower()
    if "[" in host or "]" in host:
        raise BadURL(raw, f"host {host!r} holds a bracket outside an IPv6 address")
    name = host.rstrip(".").lower() if host != "." else ""
    if not name:
        raise BadURL(raw, "no host")
    if not name.isascii():
        name = _idna(raw, name)
    if len(name) > 253:
        raise BadURL(raw, f"host name is {len(name)} characters long (at most 253)")
    for label in name.split("."):
        if not label:
            raise BadURL(raw, f"host {host!r} has an empty label")
        if len(label) > 63:
            raise BadURL(raw, f"host label of {len(label)} characters (at most 63)")
        if not _LABEL_RE.match(label) and not _NUMERIC_HOST_RE.match(label):
            raise BadURL(raw, f"host {host!r} holds characters a host name cannot have")
    return name


def _idna(raw: str, name: str) -> str:
    import idna

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError) as exc:
        try:  # the older IDNA 2003 rules still resolve in browsers for some names (e.g. "ß")
            return name.encode("idna").decode("ascii")
        except UnicodeError:
            raise BadURL(raw, f"host is not a valid internationalised name ({_plain(exc)})") from None


def comparison_key(url: str) -> str:
    """``url`` reduced for matching a hyperlink against a library ``url`` field; never raises.

    Scheme http/https, ``www.``, default port, trailing slash and fragment are not significant.
    A malformed URL is compared by its lower-cased text.
    """
    try:
        parsed = parse_url(url)
    except BadURL:
        return url.strip().strip("<>").lower()
    if not parsed.is_web:
        return urlunsplit((parsed.scheme, parsed.host, parsed.path, parsed.query, ""))
    host = parsed.host.removeprefix("www.")
    netloc = f"[{host}]" if ":" in host else host
    if parsed.port is not None:
        netloc += f":{parsed.port}"
    return urlunsplit(("http", netloc, parsed.path.rstrip("/"), parsed.query, ""))


def host_key(url: str) -> str:
    """The ``host[:port]`` of ``url`` for grouping (the raw text's head when malformed); never raises."""
    try:
        return parse_url(url).host_port
    except BadURL:
        return url.strip()[:100].lower()


def join_url(base: str | None, href: str) -> str:
    """``href`` resolved against ``base`` as a browser would; ``href`` itself when either is malformed."""
    if not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href
