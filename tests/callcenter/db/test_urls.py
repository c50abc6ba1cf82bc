"""Several PostgreSQL servers in one --db URL: libpq's form, the misread form translated, pairs kept together."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict
from sqlalchemy import text

from callcenter.db import urls
from callcenter.db.database import Database
from callcenter.db.health import LinkState
from callcenter.errors import DatabaseSwitching, DatabaseUrlError
from tests.ha.cluster import free_ports
from tests.pg import PostgresCluster

LIBPQ_FORM = "postgresql+psycopg://konsol:s3cret@/konsol112?host=db1,db2&port=5432,5433&target_session_attrs=read-write"


def test_the_libpq_form_is_kept_and_its_pairs_reach_libpq() -> None:
    assert urls.normalize_url(LIBPQ_FORM) == LIBPQ_FORM
    params = conninfo_to_dict(urls.libpq_conninfo(LIBPQ_FORM))
    assert (params["host"], params["port"]) == ("db1,db2", "5432,5433")
    assert params["target_session_attrs"] == "read-write" and params["password"] == "s3cret"
    assert params["connect_timeout"] == "4" and params["keepalives"] == "1"  # a dead machine is left quickly


def test_the_form_sqlalchemy_misreads_is_translated() -> None:
    misread = "postgresql+psycopg://konsol:s3cret@db1:5432,db2:5433/konsol112?target_session_attrs=read-write"
    assert urls.normalize_url(misread) == LIBPQ_FORM
    assert urls.host_list(misread) == [("db1", "5432"), ("db2", "5433")]
    repeated = "postgresql+psycopg://konsol:s3cret@/konsol112?host=db1:5432&host=db2:5433&target_session_attrs=read-write"
    assert urls.normalize_url(repeated) == LIBPQ_FORM
    assert urls.host_list("postgresql+psycopg://k@[fe80::1]:5432,db2/x") == [("fe80::1", "5432"), ("db2", "")]


def test_a_list_without_read_write_still_gets_the_primary_only() -> None:
    params = conninfo_to_dict(urls.libpq_conninfo("postgresql+psycopg://k:p@/x?host=a,b"))
    assert params["target_session_attrs"] == "read-write"
    assert "target_session_attrs" not in urls.missing_connect_defaults("postgresql+psycopg://k:p@a/x")


@pytest.mark.parametrize("bad", [
    "postgresql+psycopg://k:p@/x?host=a,b&port=1,2,3",
    "postgresql+psycopg://k:p@a:1,b:2/x?host=c",
])
def test_an_unusable_list_is_refused_with_the_right_form(bad: str) -> None:
    with pytest.raises(DatabaseUrlError) as caught:
        Database(bad)
    assert caught.value.code == "database.bad_url"
    assert urls.MULTI_HOST_EXAMPLE in str(caught.value)
    assert "p@" not in str(caught.value)  # never the password


def test_display_hides_every_password_and_lists_every_server() -> None:
    shown = urls.display_url(LIBPQ_FORM + "&password=other")
    assert "s3cret" not in shown and "other" not in shown
    assert "host=db1,db2&" in shown and "port=5432,5433&" in shown


def test_the_first_live_server_in_the_list_is_used(pg_cluster: PostgresCluster) -> None:
    """A dead server first in the list (connection refused), the real one second: the program just works."""
    url = pg_cluster.create_database("multihost_t")
    socket_dir = url.split("host=", 1)[1]
    dead = free_ports(1)[0]
    db = Database(f"postgresql+psycopg://postgres@/multihost_t?host=127.0.0.1,{socket_dir}&port={dead},5432")
    try:
        assert db.multi_host
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM areas")).scalar() == 210
        assert f"port={dead},5432" in db.display_url()
    finally:
        db.dispose()


def test_a_server_turned_read_only_means_switching_and_the_pool_is_dropped(pg_cluster: PostgresCluster) -> None:
    """What a desk sees when its server is demoted under it: 'switching', then live again on its own."""
    pg_cluster.create_database("readonly_t")
    db = Database(pg_cluster.owner_url("readonly_t"))  # the probe table is DDL: the owner's work
    try:
        with db.write() as session:  # the pool now holds a read-write connection
            session.execute(text("CREATE TABLE probe (n int)"))
        pg_cluster._execute("ALTER DATABASE readonly_t SET default_transaction_read_only = on")
        pg_cluster._execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'readonly_t'")
        with pytest.raises(DatabaseSwitching) as caught, db.write() as session:
            session.execute(text("INSERT INTO probe VALUES (1)"))
        assert caught.value.code == "database.switching"
        assert db.health.current.state is LinkState.SWITCHING
        pg_cluster._execute("ALTER DATABASE readonly_t RESET default_transaction_read_only")
        with db.write() as session:  # a fresh connection: the read-only one was thrown away
            session.execute(text("INSERT INTO probe VALUES (2)"))
        assert db.health.current.state is LinkState.LIVE
    finally:
        db.dispose()
