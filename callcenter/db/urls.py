"""Database URLs: one form for one server or several (libpq multi-host), and what libpq itself is given.

A centre running PostgreSQL under Patroni names every database machine; libpq tries them in order and,
with ``target_session_attrs=read-write``, keeps only the one that is the primary right now::

    postgresql+psycopg://konsol:secret@/konsol112?host=db1,db2,db3&port=5432,5432,5432&target_session_attrs=read-write

SQLAlchemy misreads the host list written before the slash (``@db1:5432,db2:5432/konsol112``: the port of the
first host becomes "5432,db2"), so :func:`normalize_url` rewrites that form (and SQLAlchemy's own repeated
``host=db1:5432&host=db2:5432``) into the one above. Every connection the program opens (the desks' pool, the
line service, the outbox worker, the LISTEN connection) is built from the same parameters.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from callcenter.errors import DatabaseUrlError

MULTI_HOST_EXAMPLE = ("postgresql+psycopg://konsol:PASSWORD@/konsol112?host=db1,db2,db3&port=5432,5432,5432"
                      "&target_session_attrs=read-write")

# Fail over quickly on a dead machine: libpq gives up on one host after connect_timeout seconds and tries the
# next; keepalives and tcp_user_timeout notice a server that vanished under an open connection (a machine
# that dies sends no reset, so without them a desk would wait on a dead socket for many minutes).
CONNECT_DEFAULTS: dict[str, str] = {
    "connect_timeout": "4",
    "keepalives": "1",
    "keepalives_idle": "10",
    "keepalives_interval": "3",
    "keepalives_count": "3",
    "tcp_user_timeout": "15000",
}


def _is_postgresql(drivername: str) -> bool:
    return drivername.split("+", 1)[0] in ("postgresql", "postgres")


def _split_host_port(token: str) -> tuple[str, str]:
    """``db1:5432`` -> (db1, 5432); ``[fe80::1]:5432`` -> (fe80::1, 5432); a socket folder stays whole."""
    token = token.strip()
    if token.startswith("/") or not token:
        return token, ""
    if token.startswith("["):
        host, _, rest = token[1:].partition("]")
        return host, rest.lstrip(":")
    if token.count(":") == 1:
        host, _, port = token.partition(":")
        return host, port
    return token, ""


def _bad(url: str, why: str) -> DatabaseUrlError:
    return DatabaseUrlError(
        f"the database address {display_url(url, checked=False)} {why}; write several servers as "
        f"{MULTI_HOST_EXAMPLE}", reason=why, example=MULTI_HOST_EXAMPLE)


def _joined(value: Any) -> str:
    return ",".join(value) if isinstance(value, tuple | list) else str(value)


def normalize_url(url: str) -> str:
    """The URL with any list of PostgreSQL hosts in libpq's ``?host=a,b&port=p,q`` form; others unchanged."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if not _is_postgresql(scheme):
        return url
    parts = urlsplit(url)
    userinfo, at, hostlist = parts.netloc.rpartition("@")
    hosts: list[str] = []
    ports: list[str] = []
    if "," in hostlist:  # the form SQLAlchemy misreads: user:pw@a:5432,b:5433/db
        for token in hostlist.split(","):
            host, port = _split_host_port(unquote(token))
            hosts.append(host)
            ports.append(port)
        url = f"{parts.scheme}://{userinfo}{at}{parts.path}" + (f"?{parts.query}" if parts.query else "")
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise _bad(url, f"cannot be read ({exc})") from exc
    query: dict[str, Any] = dict(parsed.query)
    if hosts:
        if "host" in query or "port" in query:
            raise _bad(url, "names its servers twice (before the slash and in ?host=)")
    elif isinstance(query.get("host"), tuple) or (isinstance(query.get("host"), str) and "port" not in query
                                                   and ":" in str(query["host"])
                                                   and not str(query["host"]).startswith("/")):
        # SQLAlchemy's own spelling, host=a:5432&host=b:5433 (or host=a:5432,b:5433): one libpq form for all.
        tokens = [t for value in ([query["host"]] if isinstance(query["host"], str) else query["host"])
                  for t in str(value).split(",")]
        for token in tokens:
            host, port = _split_host_port(token)
            hosts.append(host)
            ports.append(port)
    if hosts:
        if parsed.host or parsed.port:
            raise _bad(url, "names its servers twice (before the slash and in ?host=)")
        query["host"] = ",".join(hosts)
        if any(ports):
            query["port"] = ",".join(ports)
        else:
            query.pop("port", None)
    if "host" in query:
        count = len(_joined(query["host"]).split(","))
        port_count = len(_joined(query["port"]).split(",")) if "port" in query else 0
        if port_count not in (0, 1, count):
            raise _bad(url, f"has {count} hosts but {port_count} ports")
        if any(not host.strip() for host in _joined(query["host"]).split(",")):
            raise _bad(url, "has an empty host name in its list")
        query = {key: _joined(value) for key, value in query.items()}
    return _readable_query(parsed.set(query=query).render_as_string(hide_password=False))


def _readable_query(text: str) -> str:
    """Commas, slashes and colons need no escaping in a query; unescaped, the URL reads as the docs write it."""
    head, mark, query = text.partition("?")
    if not mark:
        return text
    return head + "?" + query.replace("%2C", ",").replace("%2F", "/").replace("%3A", ":")


def host_list(url: str) -> list[tuple[str, str]]:
    """The (host, port) pairs libpq will try, in order ('' = libpq's default)."""
    parsed = make_url(normalize_url(url))
    if "host" in parsed.query:
        hosts = _joined(parsed.query["host"]).split(",")
        ports = _joined(parsed.query["port"]).split(",") if "port" in parsed.query else [""]
        if len(ports) == 1:
            ports = ports * len(hosts)
        return list(zip(hosts, ports, strict=True))
    return [(parsed.host or "", str(parsed.port or ""))]


def is_multi_host(url: str) -> bool:
    try:
        return _is_postgresql(make_url(normalize_url(url)).drivername) and len(host_list(url)) > 1
    except DatabaseUrlError:
        return False


def missing_connect_defaults(url: str) -> dict[str, str]:
    """The connection defaults (timeouts, keepalives) the URL does not set itself. With several servers,
    ``target_session_attrs=read-write`` too: without it libpq would settle for a read-only standby."""
    query = make_url(normalize_url(url)).query
    defaults = dict(CONNECT_DEFAULTS)
    if is_multi_host(url):
        defaults["target_session_attrs"] = "read-write"
    return {key: value for key, value in defaults.items() if key not in query}


def libpq_params(url: str) -> dict[str, str]:
    """Keyword parameters for libpq (psycopg.connect), the same ones SQLAlchemy's engine hands the driver."""
    parsed = make_url(normalize_url(url))
    params: dict[str, str] = {}
    if parsed.host:
        params["host"] = parsed.host
    if parsed.port:
        params["port"] = str(parsed.port)
    if parsed.database:
        params["dbname"] = parsed.database
    if parsed.username:
        params["user"] = parsed.username
    if parsed.password is not None:
        params["password"] = str(parsed.password)
    params.update({key: _joined(value) for key, value in parsed.query.items()})
    params.update(missing_connect_defaults(url))
    return params


def libpq_conninfo(url: str) -> str:
    """A libpq connection string (``host=a,b port=5432,5433 ...``) with the host/port pairs kept together."""
    from psycopg.conninfo import make_conninfo

    return make_conninfo("", **libpq_params(url))


def display_url(url: str, *, checked: bool = True) -> str:
    """The URL for people and logs: passwords hidden (also a ``password=`` parameter), host lists readable."""
    try:
        parsed = make_url(normalize_url(url) if checked else url)
    except (ArgumentError, ValueError, DatabaseUrlError):
        scheme, _, rest = url.partition("://")
        host = rest.rpartition("@")[2]
        return f"{scheme}://***@{host}" if "@" in rest else url
    query = {key: ("***" if key == "password" else _joined(value)) for key, value in parsed.query.items()}
    bare = URL.create(parsed.drivername, username=parsed.username, password=parsed.password, host=parsed.host,
                      port=parsed.port, database=parsed.database)
    text = bare.render_as_string(hide_password=True)
    if query:
        text += "?" + "&".join(f"{quote(key)}={quote(value, safe=',/:*')}" for key, value in query.items())
    return text
