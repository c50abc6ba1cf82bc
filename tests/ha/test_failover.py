"""The centre keeps taking calls when its PostgreSQL primary dies: Patroni promotes the synchronous standby,
the line service and both desks find the new primary by themselves, nothing is lost or doubled.

Real processes throughout: etcd, three Patroni-managed PostgreSQL nodes on loopback ports, ``python main.py
simulate`` as an NCID server, ``python main.py ingest`` through the multi-host URL, two desk processes. Times
are measured from the kill (wall clock, one machine), and as the longest stretch without a successful write
(the probe's and each desk's), and printed at the end of the run; the assertions on
time are loose liveness bounds, the targets (writes within 10 s, desks within 15 s) are what the figures are
compared with in docs/reliability.md.
"""

from __future__ import annotations

import time
from pathlib import Path

import psycopg
import pytest

from tests.ha.cluster import Node, PatroniCluster
from tests.ha.conftest import record_figures
from tests.ha.traffic import Traffic

pytestmark = [pytest.mark.ha, pytest.mark.slow]

AFTER_S = 4.0
"""Traffic keeps flowing this long after the desks are live again, before the stream stops."""
LIVENESS_S = 60.0


def _run_through(cluster: PatroniCluster, operators: list[tuple[int, str]], folder: Path, seed: int,
                 scenario: str, act: object) -> dict[str, object]:
    """Traffic before, during and after ``act(old_leader) -> moment``; then the whole proof."""
    old = cluster.leader()
    assert old is not None
    traffic = Traffic(cluster.url(), folder, operators, seed=seed)
    try:
        traffic.start()
        traffic.warm_up()
        moment = act(old)  # type: ignore[operator]
        new = cluster.wait_leader(other_than=old.name, timeout=LIVENESS_S)
        traffic.wait_until("a commit on the new primary", lambda: traffic.first_probe_after(moment) is not None,
                           LIVENESS_S)
        traffic.wait_until("both desks writing again",
                           lambda: all(d.first_live_write_after(moment) for d in traffic.desks), LIVENESS_S)
        traffic.wait_until("the line service committing again",
                           lambda: traffic.first_ingest_commit_after(moment) is not None, LIVENESS_S)
        time.sleep(AFTER_S)
        summaries = traffic.finish()
    finally:
        traffic.close()
    proof = traffic.check(summaries)
    probe = traffic.first_probe_after(moment)
    ingest = traffic.first_ingest_commit_after(moment)
    desks = [d.first_live_write_after(moment) for d in traffic.desks]
    assert probe is not None and ingest is not None and all(desks)
    figures = {"from": old.name, "to": new.name, "first_commit_s": round(probe - moment, 2),
               "ingest_commit_s": round(ingest - moment, 2),
               "desks_live_s": round(max(d for d in desks if d) - moment, 2),
               "write_gap_s": round(traffic.longest_gap(traffic.probe_ok, moment), 2),
               "desk_gap_s": round(max(traffic.longest_gap([e["t"] for e in d.events("live_write")], moment)
                                       for d in traffic.desks), 2), **proof}
    record_figures(scenario, **figures)
    return figures


def _calls_on(cluster: PatroniCluster, node: Node) -> int:
    with psycopg.connect(cluster.superuser_conninfo(node, "konsol112")) as connection:
        row = connection.execute("SELECT count(*) FROM calls").fetchone()
        return int(row[0]) if row else -1


def _is_replica_of_everything(cluster: PatroniCluster, node: Node) -> bool:
    """``node`` is back as a streaming replica with every call the leader has."""
    leader = cluster.leader()
    if leader is None or leader.name == node.name or node.role() != "replica":
        return False
    try:
        return _calls_on(cluster, node) == _calls_on(cluster, leader)
    except psycopg.OperationalError:  # still starting up ("not yet accepting connections")
        return False


def test_primary_postmaster_killed(ha_cluster: PatroniCluster, ha_operators: list[tuple[int, str]],
                                   tmp_path: Path) -> None:
    """SIGKILL of the primary's postmaster mid-traffic; then the old primary rejoins as a replica (pg_rewind)."""
    figures = _run_through(ha_cluster, ha_operators, tmp_path, 11, "kill -9 primary postmaster",
                           ha_cluster.kill_postmaster)
    assert figures["first_commit_s"] < LIVENESS_S  # type: ignore[operator]
    old = ha_cluster.node(str(figures["from"]))
    started = time.monotonic()
    ha_cluster.wait_healthy(LIVENESS_S)
    deadline = time.monotonic() + LIVENESS_S
    while not _is_replica_of_everything(ha_cluster, old) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _is_replica_of_everything(ha_cluster, old), ha_cluster.patronictl_list()
    record_figures("old primary back as a replica", node=old.name, after_s=round(time.monotonic() - started, 1))


def test_planned_switchover(ha_cluster: PatroniCluster, ha_operators: list[tuple[int, str]],
                            tmp_path: Path) -> None:
    """patronictl switchover to the synchronous standby while calls come in: nothing lost, nothing doubled."""
    ha_cluster.wait_healthy(LIVENESS_S)
    members = {m["name"]: m for m in ha_cluster.members()}
    candidate = next(name for name, m in members.items() if m.get("role") == "sync_standby")

    def switch(old: Node) -> float:
        return ha_cluster.switchover(old, ha_cluster.node(candidate))

    figures = _run_through(ha_cluster, ha_operators, tmp_path, 12, "patronictl switchover", switch)
    assert figures["to"] == candidate
    ha_cluster.wait_healthy(LIVENESS_S)


def test_primary_machine_dies_and_comes_back(ha_cluster: PatroniCluster, ha_operators: list[tuple[int, str]],
                                             tmp_path: Path) -> None:
    """The primary's whole machine stops (Patroni and PostgreSQL killed, no goodbye): the leader key expires
    after ttl and the standby takes over; the machine then returns and its node rejoins as a replica while
    the centre keeps working."""
    ha_cluster.wait_healthy(LIVENESS_S)

    def machine_dies(old: Node) -> float:
        return ha_cluster.kill_machine(old)

    figures = _run_through(ha_cluster, ha_operators, tmp_path, 13, "primary machine dies (Patroni too)",
                           machine_dies)
    old = ha_cluster.node(str(figures["from"]))
    started = time.monotonic()
    ha_cluster.start_node(old)
    deadline = time.monotonic() + LIVENESS_S
    while not _is_replica_of_everything(ha_cluster, old) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert _is_replica_of_everything(ha_cluster, old), ha_cluster.patronictl_list()
    ha_cluster.wait_healthy(LIVENESS_S)
    record_figures("dead machine back as a replica", node=old.name, after_s=round(time.monotonic() - started, 1))
