"""Assembly of the core in one place: every service of one database, built the same way for the console, the
command line, the tests, the screenshots and the benchmarks.

The console's own assembly (worker threads, Qt bridge, window) is ``ui.console``; this module knows no Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from callcenter.cid.sources import LineState, LineStatus, Source, Subscriber, make_source
from callcenter.clock import Clock, utcnow
from callcenter.db.database import Database
from callcenter.geo.regions import load_geography
from callcenter.reports.export import ExportService
from callcenter.services.agency_admin import AgencyAdminService
from callcenter.services.audit_trail import AuditTrailService
from callcenter.services.auth import AuthService
from callcenter.services.callers import CallerService
from callcenter.services.calls import CallService
from callcenter.services.dispatch import DispatchService
from callcenter.services.incidents import IncidentService
from callcenter.services.location_views import AreaMatch, LocationViews
from callcenter.services.map_data import MapService
from callcenter.services.presence import PresenceService
from callcenter.services.questions import QuestionService
from callcenter.services.queues import QueueService
from callcenter.services.reference import ReferenceService
from callcenter.services.report_data import ReportService
from callcenter.services.settings import SettingsService
from callcenter.services.shifts import ShiftService
from callcenter.services.source_config import SourceConfigService
from callcenter.services.supervisor import SupervisorService

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Services:
    """Every service of one database and clock. Services are cheap, stateless and thread-safe: one set serves
    the whole console."""

    db: Database
    clock: Clock
    auth: AuthService
    calls: CallService
    callers: CallerService
    incidents: IncidentService
    references: ReferenceService
    dispatch: DispatchService
    agency_admin: AgencyAdminService
    reports: ReportService
    exports: ExportService
    queues: QueueService
    shifts: ShiftService
    sources: SourceConfigService
    settings: SettingsService
    presence: PresenceService
    supervisor: SupervisorService
    audit_trail: AuditTrailService
    map: MapService
    locations: LocationViews
    questions: QuestionService


def build_services(db: Database, clock: Clock = utcnow) -> Services:
    return Services(
        db=db, clock=clock, auth=AuthService(db, clock), calls=CallService(db, clock),
        callers=CallerService(db, clock), incidents=IncidentService(db, clock),
        references=ReferenceService(db, clock), dispatch=DispatchService(db, clock),
        agency_admin=AgencyAdminService(db, clock), reports=ReportService(db, clock),
        exports=ExportService(db, clock), queues=QueueService(db, clock),
        shifts=ShiftService(db, clock), sources=SourceConfigService(db, clock),
        settings=SettingsService(db, clock), presence=PresenceService(db, clock),
        supervisor=SupervisorService(db, clock), audit_trail=AuditTrailService(db, clock),
        map=MapService(db, clock),
        locations=LocationViews(db, clock, locator=area_of), questions=QuestionService(db, clock),
    )


def area_of(latitude: float, longitude: float) -> AreaMatch | None:
    """The desa and kecamatan of a point (a phone's location), from the offline map's polygons."""
    found = load_geography().locate(latitude, longitude)
    if found.desa_code is None:
        return None
    return AreaMatch(found.desa_code, found.desa, found.kecamatan_code, found.kecamatan)


def receive_phone_messages(source: Source, db: Database) -> None:
    """A GSM modem source (``format=aml``) hands every SMS it receives to the caller-location service: an AML
    message becomes a caller location, any other SMS is kept for the operators. Other sources: nothing to do."""
    from callcenter.cid.sources.aml_modem import AmlModemSource
    from callcenter.services.locations import LocationService

    if not isinstance(source, AmlModemSource):
        return
    locations = LocationService(db)

    def store(sms: Any) -> None:
        stored = locations.receive_sms(sms)
        log.info("SMS from %s stored as %s %d%s", sms.sender or "?", stored.kind, stored.id,
                 f" (call {stored.call_id})" if stored.call_id else "")

    source.on_message(store)


@dataclass
class Lines:
    """The caller-ID sources one desk (or the line service) reads; a bad URL becomes a down line with the
    reason, never a crash. ``subscriber`` receives every source's events, warnings and states; ``prepare`` sees
    each source before it starts (the console hands a GSM modem's SMS to the caller-location service)."""

    subscriber: Subscriber
    prepare: Callable[[Source], None] | None = None
    sources: list[Source] = field(default_factory=list)
    refused: list[LineState] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Line key -> the name an admin gave the source."""

    def start(self, urls: list[tuple[str, str]]) -> None:
        """Open every (name, url); sources connect (and reconnect) on threads of their own."""
        for name, url in urls:
            try:
                source = make_source(url)
            except ValueError as exc:
                log.error("caller-ID source %s not started: %s", name, exc)
                key = f"bad:{name}"
                self.refused.append(LineState(key, url[:80], LineStatus.DOWN, str(exc), utcnow(), "bad_url",
                                              {"detail": str(exc)}))
                self.names[key] = name
                continue
            source.subscribe(self.subscriber)
            if self.prepare is not None:
                self.prepare(source)
            source.start()
            self.names[source.key] = name
            log.info("caller-ID source %s: %s", name, source.display)
            self.sources.append(source)

    def states(self) -> list[LineState]:
        return [*self.refused, *(source.state for source in self.sources)]

    def stop(self) -> None:
        """Close every source (each may take a moment: a serial port or a socket being shut)."""
        for source in self.sources:
            source.stop()
        self.sources = []
        self.refused = []
        self.names = {}

    def restart(self, urls: list[tuple[str, str]]) -> None:
        self.stop()
        self.start(urls)
