"""Address vetting: a README must not make the checker probe the machine's own network.

A link to ``http://169.254.169.254/`` (cloud metadata), ``http://localhost:6379`` or a
host name that resolves to ``10.0.0.5`` would otherwise turn ``awesome-lint check
--links`` in CI into a request forger.  Every resolved address is checked, and the
engine connects only to addresses that passed, so DNS rebinding cannot swap them.
"""

from __future__ import annotations

import ipaddress

_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_v4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one wraps (mapped, 6to4, Teredo client), if any."""
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    # NAT64 well-known prefix 64:ff9b::/96 carries an IPv4 address in its low bits.
    if int(addr) >> 32 == 0x0064FF9B << 64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def forbidden_reason(address: str) -> str | None:
    """Why ``address`` must not be contacted ("loopback", "private", ...), or None if fine."""
    try:
        addr: _IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    candidates: list[_IPAddress] = [addr]
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_v4(addr)
        if inner is not None:
            candidates.append(inner)
    for candidate in candidates:
        for name in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
            if getattr(candidate, f"is_{name}"):
                return name.replace("_", "-")
        if not candidate.is_global:
            return "non-global"
    return None


def ip_literal(host: str) -> str | None:
    """``host`` normalised if it is an IP literal (``[::1]`` or ``::1``), else None."""
    text = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return str(ipaddress.ip_address(text.split("%", 1)[0]))
    except ValueError:
        return None
