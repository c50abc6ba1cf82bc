"""TCP client source: an NCID server (port 3333) or any server that streams caller-ID lines."""

from __future__ import annotations

from callcenter.cid.sources.base import StreamSource
from callcenter.cid.sources.net import connect, recv
from callcenter.cid.sources.url import TcpSpec


class TcpSource(StreamSource):
    """Connects, reads lines, hands them to the parser. NCID replays its call log at connect; the ncid
    parser marks those ``*LOG:`` lines as history events, which are passed on (the intake does not ring them).
    """

    spec: TcpSpec

    def _session(self) -> None:
        sock = connect(self.spec.host, self.spec.port, self._stop)
        try:
            parser = self._parser_factory()
            self._set_up()
            self._pump(lambda: recv(sock), parser)
        finally:
            sock.close()
