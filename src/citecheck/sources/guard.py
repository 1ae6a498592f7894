"""The address guard: which hosts and addresses citecheck may connect to.

Essays are untrusted input, so a cited URL must not make citecheck reach this machine or its
network (SSRF). The host is resolved here (or parsed when it is an IP literal in any spelling),
and the request is refused when *any* resolved address is loopback, private, link-local,
unspecified, multicast, reserved or otherwise not globally routable, unless configured otherwise
(``allow_private``, ``allowed_hosts``, ``allowed_networks``). The first checked address is the
one the transport pins its connection to (see :mod:`citecheck.sources.transport`).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.sources.http import FetchOptions

Resolver = Callable[[str], list[str]]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class AddressRefused(Exception):
    """The address guard refused a host; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NameNotResolved(Exception):
    """DNS gave no address; ``permanent`` when the name does not exist."""

    def __init__(self, reason: str, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


def _parse_ipv4_part(part: str) -> int | None:
    if part[:2].lower() == "0x":
        digits, base = part[2:], 16
        if digits == "":
            return 0
    elif len(part) > 1 and part.startswith("0"):
        digits, base = part[1:], 8
    else:
        digits, base = part, 10
    try:
        return int(digits, base) if digits and digits.isalnum() else None
    except ValueError:
        return None


def parse_ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host names literally, in any spelling browsers and libc accept, or None.

    Handles ``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, bracketed IPv6, zone ids and
    IPv4-mapped IPv6 (returned as the IPv4 address). Raises ValueError for a numeric host that is
    not a valid address (e.g. ``256.1.1.1``).
    """
    host = host.strip().strip("[]")
    if ":" in host:
        address = ipaddress.IPv6Address(host.split("%", 1)[0])
        return address.ipv4_mapped or address
    parts = host.rstrip(".").split(".") if host not in ("", ".") else []
    if not parts or len(parts) > 4:
        return None
    values = [_parse_ipv4_part(p) for p in parts]
    if any(v is None for v in values):
        if _parse_ipv4_part(parts[-1]) is not None and all(p.isdigit() for p in parts):
            raise ValueError(f"invalid IP address {host!r}")
        return None  # a name such as example.org
    numbers = [v for v in values if v is not None]
    head, last = numbers[:-1], numbers[-1]
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(numbers)):
        raise ValueError(f"invalid IP address {host!r}")
    value = 0
    for v in head:
        value = value * 256 + v
    value = value * 256 ** (5 - len(numbers)) + last
    return ipaddress.IPv4Address(value)


def blocked_reason(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not a public one (None when it is)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = blocked_reason(embedded)
            return f"{inner} (embedded in {address})" if inner else None
    checks = [
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("not globally routable", not address.is_global),
    ]
    for name, hit in checks:
        if hit:
            return f"{name} address {address}"
    return None


def system_resolver(host: str) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6), in its order."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        permanent = exc.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME))
        raise NameNotResolved(f"DNS lookup for {host} failed: {exc.strerror}", permanent) from None
    seen: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        if addr not in seen:
            seen.append(addr)
    return seen


class AddressGuard:
    """Resolves a host once and decides which address (if any) may be connected to."""

    def __init__(self, options: FetchOptions) -> None:
        self.allow_private = options.allow_private
        self.allowed_hosts = {h.lower().rstrip(".") for h in options.allowed_hosts}
        self.allowed_networks = [ipaddress.ip_network(n, strict=False) for n in options.allowed_networks]
        self.resolver: Resolver = options.resolver or system_resolver

    def _permitted(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        reason = blocked_reason(address)
        if reason is None or self.allow_private:
            return None
        if any(address.version == net.version and address in net for net in self.allowed_networks):
            return None
        return reason

    def precheck(self, host: str) -> None:
        """Refuse, without any DNS lookup, hosts that are plainly not public (IP literals, localhost)."""
        name = host.lower().rstrip(".")
        if name in self.allowed_hosts or self.allow_private:
            return
        try:
            literal = parse_ip_literal(name)
        except ValueError as exc:
            raise AddressRefused(str(exc)) from None
        if literal is not None:
            reason = self._permitted(literal)
            if reason:
                raise AddressRefused(f"{host} is a {reason}")
        elif (name == "localhost" or name.endswith(".localhost")) and not any(
            ipaddress.ip_address("127.0.0.1") in n for n in self.allowed_networks
        ):
            raise AddressRefused(f"{host} is a loopback name")

    def pin(self, host: str) -> str:
        """The address to connect to for ``host``; raises AddressRefused or NameNotResolved."""
        return self.checked_addresses(host)[0]

    def check_recorded(self, host: str, addresses: list[str]) -> None:
        """Refuse a cached response whose host had ``addresses`` when fetched, if they are not allowed now."""
        name = host.lower().rstrip(".")
        if name in self.allowed_hosts:
            return
        for text in addresses:
            try:
                address = ipaddress.ip_address(text)
            except ValueError:
                raise AddressRefused(f"{host}: the cached copy records no valid address ({text!r})") from None
            reason = self._permitted(address)
            if reason:
                raise AddressRefused(f"{host} resolved to a {reason} when the cached copy was fetched")

    def checked_addresses(self, host: str) -> list[str]:
        """Every address of ``host``, all allowed (the first is the one to connect to)."""
        name = host.lower().rstrip(".")
        try:
            literal = parse_ip_literal(name)
        except ValueError as exc:
            raise AddressRefused(str(exc)) from None
        if literal is not None:
            addresses = [literal]
        else:
            try:
                answers = self.resolver(name)
            except NameNotResolved:
                raise
            except OSError as exc:
                raise NameNotResolved(f"DNS lookup for {host} failed: {exc}", False) from None
            except (UnicodeError, ValueError) as exc:
                raise NameNotResolved(f"{host} is not a name that can be looked up ({exc})", True) from None
            if not answers:
                raise NameNotResolved(f"DNS lookup for {host} gave no address", True)
            addresses = []
            for answer in answers:
                try:
                    parsed = ipaddress.ip_address(answer.split("%", 1)[0])
                except ValueError:
                    raise NameNotResolved(f"DNS lookup for {host} gave a malformed address {answer!r}", False) from None
                if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped:
                    parsed = parsed.ipv4_mapped
                addresses.append(parsed)
        if name not in self.allowed_hosts:
            # Every answer is checked, not only the first: a resolver may rotate its answers.
            for address in addresses:
                reason = self._permitted(address)
                if reason:
                    shown = f"{host} resolves to a {reason}" if literal is None else f"{host} is a {reason}"
                    raise AddressRefused(shown)
        return [str(a) for a in addresses]


__all__ = [
    "AddressGuard",
    "AddressRefused",
    "NameNotResolved",
    "Resolver",
    "blocked_reason",
    "parse_ip_literal",
    "system_resolver",
]
