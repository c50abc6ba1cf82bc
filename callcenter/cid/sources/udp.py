"""UDP listener source: CallerID.com Ethernet Link units broadcast one record per datagram to port 3520."""

from __future__ import annotations

import socket

from callcenter.cid.sources.base import POLL_S, Source, SourceDown
from callcenter.cid.sources.url import UdpSpec


class UdpSource(Source):
    spec: UdpSpec

    def _session(self) -> None:
        spec = self.spec
        family = socket.AF_INET6 if ":" in spec.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_DGRAM)
        try:
            # Several programs on one PC may listen to the same unit (it broadcasts): share the port.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind((spec.host, spec.port))
            except OSError as exc:
                raise SourceDown("udp.listen", host=spec.host, port=spec.port,
                                 detail=exc.strerror or exc) from None
            sock.settimeout(POLL_S)
            parser = self._parser_factory()
            self._set_up()
            while not self.stopping:
                try:
                    data, _ = sock.recvfrom(65536)
                except TimeoutError:
                    continue
                except ConnectionResetError:
                    continue  # Windows reports an ICMP "port unreachable" from an earlier send here
                now = self.clock()
                # A datagram is one whole record: parse it and complete it at once (no trailing newline).
                self._deliver(parser.feed(data, now) + parser.flush(now))
        finally:
            sock.close()
