"""Least privilege on PostgreSQL: the owner role migrates, the application role works.

Two roles, as docs/deployment.md creates them:

* the **owner** (``konsol112_owner``, no login) owns the database, the schema and every table. Only
  ``db upgrade`` acts as it: connected as the owner, or as the ``postgres`` superuser, in which case the
  migration switches to the owner with ``SET LOCAL ROLE`` so everything it creates belongs to the owner.
* the **application role** (``konsol112_app``) is what every desk and the line service log in as. It gets
  exactly the table privileges in ``TABLE_PRIVILEGES`` and nothing else: no DDL (it owns nothing, so it
  cannot ``ALTER`` a table or disable a trigger), no ``TRUNCATE``, ``REFERENCES`` or ``TRIGGER``, only
  ``SELECT`` and ``INSERT`` on ``audit_log``, and no read access to ``operators.password_hash`` (a login is
  checked through two SECURITY DEFINER functions, see ``callcenter.db.credentials``).

``grant_application_role`` is idempotent: ``db upgrade`` revokes everything the application role holds in the
schema and grants the table above again after every migration, so a new table is never silently open to it.
SQLite has no roles; docs/security.md says what the file permissions protect there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from callcenter.db.database import Database
from callcenter.errors import DatabaseRoleError

OWNER_ROLE = "konsol112_owner"
APP_ROLE = "konsol112_app"

S, INS, U, D = "SELECT", "INSERT", "UPDATE", "DELETE"
TABLE_PRIVILEGES: dict[str, tuple[str, ...]] = {
    "alembic_version": (S,),  # the schema check at start-up; only db upgrade writes it
    "audit_log": (S, INS),  # append-only: no UPDATE, no DELETE (and the triggers of migration 0004 behind that)
    "change_feed": (S, INS),
    "operators": (S, INS, U),  # SELECT without the columns in SECRET_COLUMNS
    "cid_sources": (S, INS, U, D),  # an admin removes a source
    "lines": (S, INS, U),
    "callers": (S, INS, U),
    "calls": (S, INS, U),
    "categories": (S,),  # reference data: loaded and updated by db upgrade
    "category_questions": (S, INS, U),  # an admin edits the prompts; a removed one is kept inactive
    "areas": (S,),
    "shift_definitions": (S,),
    "agencies": (S, INS, U, D),  # an admin removes an unused agency
    "units": (S, INS, U, D),
    "category_agencies": (S, INS, D),
    "incident_counters": (S, INS, U),
    "incidents": (S, INS, U),
    "incident_notes": (S, INS),
    "incident_answers": (S, INS),  # written with the incident, never changed
    "dispatches": (S, INS, U),
    "dispatch_events": (S, INS),
    "outbox": (S, INS, U),
    "shift_sessions": (S, INS, U),
    "settings": (S, INS, U),
    "desks": (S, INS, U),
    "caller_locations": (S, INS, U),  # AML fixes: every one kept; a desk attaches one to its call
    "sms_messages": (S, INS, U),  # other SMS the modem received, marked read by an operator
}
"""Every table of the schema and what the application role may do with it. A table missing here is refused
to the application role; tests/callcenter/db/test_roles.py fails until someone decides."""

SECRET_COLUMNS: dict[str, frozenset[str]] = {"operators": frozenset({"password_hash"})}
"""Columns the application role may write (a new password) but never read."""

FUNCTIONS = ("konsol112_password_setting(integer)", "konsol112_password_matches(integer, text)")

UNSAFE_ATTRIBUTES = {
    "rolsuper": "SUPERUSER", "rolcreaterole": "CREATEROLE", "rolcreatedb": "CREATEDB",
    "rolreplication": "REPLICATION", "rolbypassrls": "BYPASSRLS",
}


def create_role_hint(app_role: str) -> str:
    """How to create the application role without a password on a command line."""
    return (f"as the postgres user run 'createuser --pwprompt {app_role}' (it asks for the password and sends "
            "the server only a SCRAM verifier), then run db upgrade again")


@dataclass
class GrantSummary:
    owner: str
    app_role: str
    can_login: bool
    privileges: dict[str, list[str]] = field(default_factory=dict)  # privilege -> tables
    functions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        """What the application role is and holds, for ``db upgrade`` to print."""
        attributes = ", ".join(f"NO{word}" for word in UNSAFE_ATTRIBUTES.values())
        login = "LOGIN" if self.can_login else "NOLOGIN (desks log in as roles that are members of it)"
        lines = [
            f"owner role {self.owner}: owns the schema; only 'db upgrade' acts as it",
            f"application role {self.app_role} (desks and the line service): {login}, {attributes}, "
            f"not a member of {self.owner}, owns nothing",
        ]
        for privilege in (S, INS, U, D):
            tables = self.privileges.get(privilege, [])
            which = f": {', '.join(tables)}" if privilege == D else ""
            lines.append(f"  {privilege} on {len(tables)} tables{which}")
        secret = "; ".join(f"{t}.{c}" for t, cs in SECRET_COLUMNS.items() for c in sorted(cs))
        lines.append(f"  not readable: {secret} (logins are checked by {', '.join(self.functions)})")
        lines.append("  refused: CREATE/ALTER/DROP, TRUNCATE, REFERENCES, TRIGGER, UPDATE/DELETE on audit_log")
        lines.append(f"  its password, never on a command line: as the postgres user 'createuser --pwprompt "
                     f"{self.app_role}' creates the role, psql's '\\password {self.app_role}' changes it")
        lines += [f"  note: {note}" for note in self.notes]
        return lines


def quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def schema_owner(connection: Connection) -> str:
    """The role that owns the schema: the owner of its tables once there are any, else the database's owner."""
    owner = connection.scalar(text(
        "SELECT coalesce("
        " (SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'alembic_version'),"
        " (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()))"))
    assert owner is not None
    return str(owner)


def act_as_owner(connection: Connection) -> str:
    """Within the current transaction, act as the schema's owner (``db upgrade`` connected as a superuser or a
    member of the owner role); returns the owner's name. Refuses anyone else."""
    owner = schema_owner(connection)
    current = connection.scalar(text("SELECT current_user"))
    if current == owner:
        return owner
    if not connection.scalar(text("SELECT pg_has_role(current_user, :owner, 'MEMBER')"), {"owner": owner}):
        raise DatabaseRoleError(
            f"db upgrade must connect as the schema's owner {owner} or as a superuser (the postgres user); "
            f"it connected as {current}", reason="not_owner", owner=owner, role=current)
    connection.exec_driver_sql(f"SET LOCAL ROLE {quote(connection, owner)}")
    return owner


def check_application_role(connection: Connection, app_role: str, owner: str) -> bool:
    """Refuse an application role that is missing or could undo what the grants protect; returns can-login."""
    row = connection.execute(text(
        "SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
        "FROM pg_roles WHERE rolname = :role"), {"role": app_role}).mappings().first()
    if row is None:
        raise DatabaseRoleError(f"the application role {app_role} does not exist; {create_role_hint(app_role)}",
                                reason="app_role_missing", role=app_role)
    if app_role == owner:
        raise DatabaseRoleError(
            f"the application role {app_role} owns the schema, so any desk could alter tables and erase the "
            f"audit trail; give the schema its own owner role (docs/deployment.md, 'Centres set up before "
            f"roles')", reason="app_role_owns", role=app_role)
    unsafe = [word for column, word in UNSAFE_ATTRIBUTES.items() if row[column]]
    if unsafe:
        raise DatabaseRoleError(
            f"the application role {app_role} has {', '.join(unsafe)}; as the postgres user run "
            f"'ALTER ROLE {app_role} {' '.join('NO' + word for word in unsafe)}'",
            reason="app_role_unsafe", role=app_role, attributes=unsafe)
    if connection.scalar(text("SELECT pg_has_role(:role, :owner, 'MEMBER')"), {"role": app_role, "owner": owner}):
        raise DatabaseRoleError(
            f"the application role {app_role} is a member of the owner role {owner} and could act as it; "
            f"as the postgres user run 'REVOKE {owner} FROM {app_role}'",
            reason="app_role_member", role=app_role, owner=owner)
    return bool(row["rolcanlogin"])


def grant_application_role(db: Database, app_role: str = APP_ROLE) -> GrantSummary:
    """Give ``app_role`` exactly what desks need, as the schema owner (run by ``db upgrade``)."""
    with db.connection(transaction=True) as connection:
        owner = act_as_owner(connection)
        summary = GrantSummary(owner, app_role, check_application_role(connection, app_role, owner))
        role = quote(connection, app_role)
        schema = quote(connection, str(connection.scalar(text("SELECT current_schema()"))))
        database = quote(connection, str(connection.scalar(text("SELECT current_database()"))))
        tables = set(connection.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))
        execute = connection.exec_driver_sql
        for kind in ("TABLES", "SEQUENCES", "FUNCTIONS"):
            execute(f"REVOKE ALL ON ALL {kind} IN SCHEMA {schema} FROM {role}")
        for table, privileges in TABLE_PRIVILEGES.items():
            if table not in tables:
                raise DatabaseRoleError(f"table {table} is missing; run db upgrade to the program's schema first",
                                        reason="schema_missing", table=table)
            name = quote(connection, table)
            plain = [p for p in privileges if p != S or table not in SECRET_COLUMNS]
            if plain:
                execute(f"GRANT {', '.join(plain)} ON {name} TO {role}")
            if S in privileges and table in SECRET_COLUMNS:
                columns = [c for c in _columns(connection, table) if c not in SECRET_COLUMNS[table]]
                execute(f"GRANT SELECT ({', '.join(quote(connection, c) for c in columns)}) ON {name} TO {role}")
            for privilege in privileges:
                summary.privileges.setdefault(privilege, []).append(table)
            if INS in privileges:  # the sequences behind its id columns: nextval only
                for column in _columns(connection, table):
                    sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                                 {"t": f"{schema}.{name}", "c": column})
                    if sequence:
                        execute(f"GRANT USAGE ON SEQUENCE {sequence} TO {role}")
        for function in FUNCTIONS:
            execute(f"GRANT EXECUTE ON FUNCTION {function} TO {role}")
            summary.functions.append(function.split("(")[0])
        execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        # Only the roles given CONNECT reach the database (pg_hba.conf decides from where).
        execute(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
        execute(f"GRANT CONNECT ON DATABASE {database} TO {role}")
        if connection.scalar(text("SELECT has_schema_privilege(:role, current_schema(), 'CREATE')"),
                             {"role": app_role}):
            summary.notes.append(_revoke_schema_create(connection, schema))
        unlisted = sorted(tables - set(TABLE_PRIVILEGES))
        if unlisted:
            summary.notes.append(f"tables not known to this program, refused to {app_role}: {', '.join(unlisted)}")
    return summary


def _columns(connection: Connection, table: str) -> list[str]:
    return list(connection.scalars(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = :t ORDER BY ordinal_position"), {"t": table}))


def _revoke_schema_create(connection: Connection, schema: str) -> str:
    """PostgreSQL before 15 lets every role create objects in ``public``; take that away if we may."""
    statement = f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"
    if connection.scalar(text("SELECT pg_has_role(current_user, nspowner, 'USAGE') FROM pg_namespace "
                              "WHERE nspname = current_schema()")):
        connection.exec_driver_sql(statement)
        return f"{statement}: done (every role could create objects in the schema)"
    return f"every role may create objects in the schema; as the postgres user run '{statement}' in this database"


def connection_warning(db: Database) -> str | None:
    """A sentence when this connection could change the schema or the audit trail (a desk connected as the owner
    or a superuser); None when it is an application role, and on SQLite."""
    if db.is_sqlite:
        return None
    with db.connection() as connection:
        row = connection.execute(text(
            "SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user), "
            "has_table_privilege('audit_log', 'DELETE') OR has_table_privilege('audit_log', 'UPDATE') "
            "OR EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_log' "
            "AND pg_has_role(current_user, tableowner, 'USAGE'))")).one()
    user, superuser, powerful = row
    if superuser or powerful:
        return (f"connected to the database as {user}, which can alter the schema and the audit trail; desks and "
                f"the line service should connect as the application role ({APP_ROLE}, docs/deployment.md)")
    return None
