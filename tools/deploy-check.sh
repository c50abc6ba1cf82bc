#!/usr/bin/env bash
# docs/deployment.md, performed on this machine: a two-desk centre on PostgreSQL set up by the guide's own words.
#
# Run as root on a Debian machine with PostgreSQL's server packages (CI: `bash tools/deploy-check.sh` in .ci/run).
# It starts a PostgreSQL cluster of its own (as the postgres user, in a temporary folder, on a free port, with TLS
# and a pg_hba.conf that admits nothing over TCP until the guide's line does; never the system's cluster), then
# runs every command block marked <!-- deploy-check: NAME --> in docs/deployment.md, word for word, with only the
# substitutions in `localise` below (the server's paths point into the temporary folder, dbserver is 127.0.0.1,
# the LAN is 127.0.0.1/32, the serial device is the simulator). Password prompts are answered from stdin.
# It creates a system user konsol112 (refusing to run if one exists) and removes it, its processes and every file
# it made at the end. Exit status 0 only if every step and every check passed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GUIDE=$REPO/docs/deployment.md
UNIT=$REPO/docs/konsol112-ingest.service
started=$SECONDS

say() { printf '\n== [%3ss] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "deploy-check: FAILED: $*" >&2; exit 1; }
check() {  # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1
    shift
    if "$@"; then echo "   ok: ${what}"; else fail "${what}"; fi
}

# -- preconditions ---------------------------------------------------------------------------------------------
[[ $(id -u) == 0 ]] || fail "run as root (sudo bash tools/deploy-check.sh): it creates a system user"
id postgres >/dev/null 2>&1 || fail "no postgres user: install PostgreSQL first (apt-get install postgresql)"
if id konsol112 >/dev/null 2>&1; then
    fail "this machine already has a konsol112 user (a real installation?); deploy-check will not touch it"
fi
PGBIN=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
[[ -n ${PGBIN} && -x ${PGBIN}/initdb ]] || fail "PostgreSQL server binaries not found under /usr/lib/postgresql"
for tool in apt-get openssl runuser setsid useradd userdel psql pg_dump pg_restore createuser createdb; do
    command -v "${tool}" >/dev/null || fail "${tool} is missing"
done

# -- a scratch "server": its filesystem, its PostgreSQL, its answers to prompts ---------------------------------
ROOT=$(mktemp -d /tmp/k112-deploy-XXXXXX)
chmod 0755 "${ROOT}"
PGDATA=${ROOT}/pg/data
SOCK=${ROOT}/pg/sock
DESK=${ROOT}/desk-home           # a Linux desk's home (the desks run headless here)
WORK=${ROOT}/work                # where the admin stands when running the restore check
VENV=${ROOT}/opt/konsol112/venv
probe_pids=()
ingest_pid=""
user_created=""

cleanup() {
    local status=$?
    set +e
    for pid in "${probe_pids[@]}" ${ingest_pid}; do
        kill -TERM "${pid}" 2>/dev/null
    done
    if [[ -n ${user_created} ]]; then
        for pid in $(pids_of konsol112 ''); do kill -KILL "${pid}" 2>/dev/null; done
    fi
    if [[ -f ${PGDATA}/PG_VERSION ]]; then
        runuser -u postgres -- "${PGBIN}/pg_ctl" -D "${PGDATA}" -m immediate stop >/dev/null 2>&1
    fi
    [[ -n ${user_created} ]] && userdel konsol112 2>/dev/null
    rm -rf "${ROOT}"
    if [[ ${status} == 0 ]]; then
        say "deploy-check passed: docs/deployment.md works as written"
    else
        echo "deploy-check: FAILED (exit ${status}); docs/deployment.md and the program disagree" >&2
    fi
}
trap cleanup EXIT

pids_of() {  # USER TEXT: the processes of USER whose command line contains TEXT (from /proc: no procps needed)
    local proc
    for proc in /proc/[0-9]*; do
        [[ $(stat -c %U "${proc}" 2>/dev/null) == "$1" ]] || continue
        tr '\0' ' ' <"${proc}/cmdline" 2>/dev/null | grep -qF -- "$2" && echo "${proc#/proc/}"
    done
    return 0
}

PORT=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
APP_PASSWORD=$(openssl rand -base64 24 | tr -d '/+=')
ADMIN_PASSWORD=$(openssl rand -base64 18 | tr -d '/+=')
umask 022
mkdir -p "${ROOT}/etc" "${ROOT}/opt" "${ROOT}/var/lib" "${ROOT}/var/backups" "${ROOT}/usr/local/sbin" "${DESK}" "${WORK}"
(umask 077 && mkdir "${ROOT}/answers")
printf '%s\n%s\n' "${APP_PASSWORD}" "${APP_PASSWORD}" >"${ROOT}/answers/app-twice"
printf '%s\n' "${APP_PASSWORD}" >"${ROOT}/answers/app"
printf '%s\n' "${ADMIN_PASSWORD}" >"${ROOT}/answers/admin"

# The release folder an admin would have: this checkout without its build leftovers.
mkdir "${ROOT}/release"
tar -C "${REPO}" --exclude=./.git --exclude=./build --exclude='*.egg-info' --exclude=__pycache__ -cf - . |
    tar -C "${ROOT}/release" -xf -

say "PostgreSQL ${PGBIN} on port ${PORT}: initdb as postgres, TLS, pg_hba.conf without TCP lines"
install -d -o postgres -g postgres -m 0700 "${ROOT}/pg" "${PGDATA}"
install -d -o postgres -g postgres -m 0755 "${SOCK}"
runuser -u postgres -- "${PGBIN}/initdb" -D "${PGDATA}" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --no-sync >/dev/null
sed -i '/^host/d' "${PGDATA}/pg_hba.conf"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=dbserver" \
    -addext "subjectAltName=DNS:dbserver,IP:127.0.0.1" \
    -keyout "${PGDATA}/server.key" -out "${PGDATA}/server.crt" 2>/dev/null
chown postgres:postgres "${PGDATA}/server.key" "${PGDATA}/server.crt"
chmod 0600 "${PGDATA}/server.key"
cat >>"${PGDATA}/postgresql.conf" <<EOF
port = ${PORT}
unix_socket_directories = '${SOCK}'
listen_addresses = ''
ssl = on
fsync = off
EOF
pg_ctl() { runuser -u postgres -- "${PGBIN}/pg_ctl" -D "${PGDATA}" -l "${ROOT}/pg/server.log" -w -t 60 "$@" >/dev/null; }
pg_ctl start
export PGHOST=${SOCK} PGPORT=${PORT}   # where "sudo -u postgres psql" finds this cluster (Debian's default socket)

# -- the guide's blocks -------------------------------------------------------------------------------------------
guide_block() {  # the fenced block right after the line <!-- deploy-check: NAME --> in the guide
    awk -v marker="<!-- deploy-check: $1 -->" '
        $0 == marker { found = 1; next }
        found && /^```/ { if (inside) exit; inside = 1; next }
        found && inside { print }' "${GUIDE}"
}

localise() {  # the guide's server, network and device, as they are on this machine
    sed -e "s|/etc/postgresql/15/main|${PGDATA}|g" \
        -e "s|/var/run/postgresql|${SOCK}|g" \
        -e "s|/opt/konsol112|${ROOT}/opt/konsol112|g" \
        -e "s|/etc/konsol112|${ROOT}/etc/konsol112|g" \
        -e "s|/var/lib/konsol112|${ROOT}/var/lib/konsol112|g" \
        -e "s|/var/backups/konsol112|${ROOT}/var/backups/konsol112|g" \
        -e "s|/usr/local/sbin/konsol112-backup|${ROOT}/usr/local/sbin/konsol112-backup|g" \
        -e "s|192\.168\.10\.0/24|127.0.0.1/32|g" \
        -e "s|listen_addresses = '\*'|listen_addresses = '127.0.0.1'|g" \
        -e "s|@dbserver/|@127.0.0.1:${PORT}/|g" \
        -e "s|dbserver:5432:|127.0.0.1:${PORT}:|g" \
        -e 's|"serial:///dev/serial/by-id/[^"]*"|"sim://?rate=1\&seed=7"|g'
}

# sudo as the guide means it, for a root shell without sudo installed (CI): `sudo -u USER cmd` is runuser.
SHIMS='sudo() {
    if [[ $1 == -u ]]; then local user=$2; shift 2; runuser -u "$user" -- "$@"; else "$@"; fi
}'

run_guide() {  # NAME WHERE [STDIN]: the block, as an admin on the server in the release folder (WHERE=server)
    local name=$1 where=$2 input=${3:-/dev/null} block   # or in a desk's session in its work folder (desk)
    block=$(guide_block "${name}")
    [[ -n ${block} ]] || fail "docs/deployment.md has no block marked deploy-check: ${name}"
    block=$(localise <<<"${block}")
    echo "+ docs/deployment.md [${name}], ${where}:" >&2
    sed 's/^/    /' <<<"${block}" >&2
    # setsid: no controlling terminal, so password prompts read their answers from stdin
    if [[ ${where} == desk ]]; then
        (cd "${WORK}" && desk_env setsid -w bash -euo pipefail -c "${SHIMS}
${block}" <"${input}") || fail "step '${name}' of docs/deployment.md failed"
    else
        (cd "${ROOT}/release" && setsid -w bash -euo pipefail -c "${SHIMS}
${block}" <"${input}") || fail "step '${name}' of docs/deployment.md failed"
    fi
}

as_desk() {  # a Linux desk: its own home, the installed program on PATH, nothing of this script's environment
    env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_STATE_HOME -u CALLCENTER_DB -u PGHOST \
        -u PGPORT -u PGPASSFILE HOME="${DESK}" PATH="${VENV}/bin:${PATH}" "$@"
}
desk_env() {  # as a desk's login session: with the variables of its environment.d file (once there is one)
    as_desk bash -c 'set -a; f=$HOME/.config/environment.d/konsol112.conf; [[ ! -f $f ]] || . "$f"; set +a; exec "$@"' \
        desk "$@"
}
server_sql() { runuser -u postgres -- psql -X -At -v ON_ERROR_STOP=1 -d "${1}" -c "${2}"; }

# -- 1-4: server, roles, install, schema ------------------------------------------------------------------------
say "step 1: the packages, pg_hba.conf (hostssl) and listen_addresses"
if dpkg-query -W -f='${Status}\n' postgresql python3-venv 2>/dev/null | grep -vq "install ok installed" ||
        [[ $(dpkg-query -W -f='${Status}\n' postgresql python3-venv 2>/dev/null | wc -l) != 2 ]]; then
    run_guide packages server
else  # never upgrade a developer's machine behind their back
    echo "   (postgresql and python3-venv are installed: the guide's apt-get line is not needed here)"
fi
run_guide server server
pg_ctl restart   # the guide: sudo systemctl restart postgresql

say "step 2: the owner and application roles, the database"
run_guide roles server "${ROOT}/answers/app-twice"
check "the password never reached the server's log" bash -c "! grep -qF -- '${APP_PASSWORD}' '${ROOT}/pg/server.log'"
check "the owner role cannot log in" test "$(server_sql postgres "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'konsol112_owner'")" = f

say "step 3: install Konsol 112 into ${VENV} (from a copy of this release folder)"
user_created=1   # from here on cleanup removes the konsol112 user (none existed before)
run_guide install server
check "the service user has no login shell" test "$(getent passwd konsol112 | cut -d: -f7)" = /usr/sbin/nologin

say "step 4: db upgrade as postgres (acting as the owner), grants"
upgrade_out=${ROOT}/db-upgrade.out
run_guide db-upgrade server | tee "${upgrade_out}"
check "db upgrade described the application role" grep -q "^application role konsol112_app" "${upgrade_out}"
check "the tables belong to the owner role" test \
    "$(server_sql konsol112 "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'")" \
    = konsol112_owner

# -- 6 before 5's accounts: a Linux desk, then the first accounts from it ----------------------------------------
say "step 6: a Linux desk (environment.d, ~/.pgpass)"
run_guide linux-desk desk "${ROOT}/answers/app"
check "the desk's password file is private" test "$(stat -c %a "${DESK}/.pgpass")" = 600
say "step 4: the first admin account, from the desk"
run_guide accounts desk "${ROOT}/answers/admin"
for operator in desk1 desk2; do   # the two operators of the headless desks below (not a guide step)
    desk_env konsol112 user add "${operator}" --role operator --password-file "${ROOT}/answers/admin" >/dev/null
done

say "security: what a desk's credentials can and cannot do"
desk_psql() { desk_env psql -X -At -v ON_ERROR_STOP=1 "host=127.0.0.1 port=${PORT} dbname=konsol112 user=$1 sslmode=$2" -c "$3" 2>&1; }
check "the desk connects over TLS" test "$(desk_psql konsol112_app require "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")" = t
out=$(desk_psql konsol112_app disable "SELECT 1" || true)
check "without TLS the desk is refused (hostssl)" grep -q "no pg_hba.conf entry" <<<"${out}"
out=$(desk_psql konsol112_app require "DELETE FROM audit_log" || true)
check "the application role cannot delete audit rows" grep -q "permission denied" <<<"${out}"
out=$(desk_psql konsol112_app require "ALTER TABLE audit_log DISABLE TRIGGER ALL" || true)
check "the application role cannot disable the audit triggers" grep -q "must be owner" <<<"${out}"
out=$(desk_psql konsol112_app require "SELECT password_hash FROM operators" || true)
check "the application role cannot read password hashes" grep -q "permission denied" <<<"${out}"
out=$(desk_psql konsol112_owner require "SELECT 1" || true)
check "the owner role cannot log in from the network" grep -q "no pg_hba.conf entry\|not permitted to log in" <<<"${out}"

# -- 5: the line service, two desks on one PC, a call seen by both ---------------------------------------------------
say "step 5: the line service's configuration"
run_guide service-config server "${ROOT}/answers/app"
check "ingest.env is mode 0600, root's" test "$(stat -c '%a %U' "${ROOT}/etc/konsol112/ingest.env")" = "600 root"
check "the service's .pgpass is mode 0600, konsol112's" \
    test "$(stat -c '%a %U' "${ROOT}/var/lib/konsol112/.pgpass")" = "600 konsol112"

say "two desks on one PC (headless consoles: desk identity, login, heartbeat, change feed)"
for operator in desk1 desk2; do
    desk_env "${VENV}/bin/python" "${REPO}/tools/desk_probe.py" --user "${operator}" \
        --password-file "${ROOT}/answers/admin" --answer --calls 1 --interval 1 --timeout 120 \
        >"${ROOT}/${operator}.out" 2>"${ROOT}/${operator}.err" &
    probe_pids+=($!)
    for _ in $(seq 1 120); do
        grep -q '"online"' "${ROOT}/${operator}.out" && break
        kill -0 "${probe_pids[-1]}" 2>/dev/null || fail "desk ${operator} stopped: $(cat "${ROOT}/${operator}.err")"
        sleep 0.5
    done
    grep -q '"online"' "${ROOT}/${operator}.out" || fail "desk ${operator} did not come online"
    echo "   $(head -n 1 "${ROOT}/${operator}.out")"
done

say "step 5: the line service, started with the unit's command (the simulator as its device)"
block=$(guide_block ingest-without-systemd)
execstart=$(sed -n 's/^ExecStart=//p' "${UNIT}" | sed 's/%%/%/g')
check "the command without systemd is the unit's ExecStart" grep -qF -- "exec runuser -u konsol112 -- ${execstart}'" <<<"${block}"
run_guide ingest-without-systemd server >"${ROOT}/ingest.log" 2>&1 &
ingest_pid=$!
for pid in "${probe_pids[@]}"; do
    wait "${pid}" || fail "a desk did not see a call: $(cat "${ROOT}"/desk*.err)"
done
probe_pids=()
cat "${ROOT}/desk1.out" "${ROOT}/desk2.out" | sed 's/^/   /'
call1=$(grep '"event": "call"' "${ROOT}/desk1.out" | sed 's/.*"call_id": \([0-9]*\).*/\1/')
call2=$(grep '"event": "call"' "${ROOT}/desk2.out" | sed 's/.*"call_id": \([0-9]*\).*/\1/')
check "both desks saw the same call (${call1})" test -n "${call1}" -a "${call1}" = "${call2}"
check "exactly one desk answered it, the other was told" \
    test "$(cat "${ROOT}"/desk?.out | grep -c '"event": "claimed"') $(cat "${ROOT}"/desk?.out | grep -c '"event": "taken"')" = "1 1"
sleep 3   # a few more calls
ingest_python=$(pids_of konsol112 'konsol112 ingest' | head -n 1)
[[ -n ${ingest_python} ]] || fail "the line service is not running: $(tail -n 20 "${ROOT}/ingest.log")"
kill -TERM "${ingest_python}"
wait "${ingest_pid}" || fail "the line service did not stop cleanly: $(tail -n 20 "${ROOT}/ingest.log")"
ingest_pid=""
grep -E "ingest running|stopped:" "${ROOT}/ingest.log" | sed 's/^/   /'
check "the line service stored calls and stopped cleanly" grep -q "stopped: [1-9][0-9]* call(s) persisted" "${ROOT}/ingest.log"
host=$(/usr/bin/python3 -c 'import socket; print(socket.gethostname())')
desks=$(server_sql konsol112 "SELECT string_agg(name || ':' || line_host, ',' ORDER BY name COLLATE \"C\") FROM desks")
check "three desks: two consoles on one PC and the line service (${desks})" \
    test "${desks}" = "${host}:false,${host}#2:false,${host}#ingest:true"
audit=$(server_sql konsol112 "SELECT string_agg(action || '=' || n, ',' ORDER BY action) FROM (SELECT action, count(*) n FROM audit_log WHERE entity = 'desk' GROUP BY action) a")
check "heartbeats wrote audit rows only for changes (${audit})" test "${audit}" = "desk.offline=3,desk.online=3"

# -- 7: backup, restore, check, switch -------------------------------------------------------------------------------
say "step 7: backups"
run_guide backup-install server
backups=${ROOT}/var/backups/konsol112
old=${backups}/konsol112-2000-01-01-000000.dump
runuser -u postgres -- touch -d '30 days ago' "${old}"
# the timer's service: ExecStart=/usr/local/sbin/konsol112-backup as User=postgres (the folder is this machine's)
check "the timer runs the installed script as postgres" grep -q "^User=postgres" "${REPO}/docs/konsol112-backup.service"
check "the timer's service runs the installed script" grep -q "^ExecStart=/usr/local/sbin/konsol112-backup$" "${REPO}/docs/konsol112-backup.service"
runuser -u postgres -- env KONSOL112_BACKUP_DIR="${backups}" "${ROOT}/usr/local/sbin/konsol112-backup" | sed 's/^/   /'
dump=$(ls -t "${backups}"/konsol112-*.dump | head -n 1)
check "the dump is mode 0600, postgres's, in a folder of mode 0700" \
    test "$(stat -c '%a %U' "${dump}") $(stat -c %a "${backups}")" = "600 postgres 700"
check "dumps older than 14 days were removed" test ! -e "${old}"

say "step 7: restore into konsol112_restore, check, switch"
run_guide restore server | tail -n 3
counts=$(run_guide restore-count server | grep '^konsol112')
echo "${counts}" | sed 's/^/   /'
live=$(sed -n 's/^konsol112|\([0-9]*\)|.*/\1/p' <<<"${counts}")
restored=$(sed -n 's/^konsol112_restore|\([0-9]*\)|.*/\1/p' <<<"${counts}")
check "the restored copy has every call (${restored} of ${live})" test -n "${live}" -a "${live}" = "${restored}" -a "${live}" -gt 0
run_guide restore-check desk
check "a report from the restored copy" bash -c "head -c 5 '${WORK}/restore-check.pdf' | grep -q '%PDF-'"
rows=$(($(wc -l <"${WORK}/restore-check.csv") - 1))
today=$(server_sql konsol112_restore "SELECT count(*) FROM calls WHERE received_at AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Jakarta' >= date_trunc('day', now() AT TIME ZONE 'Asia/Jakarta')")
check "an export from the restored copy: today's ${today} calls (${rows} rows)" test "${rows}" = "${today}"
run_guide switch server
number=$(server_sql konsol112 "SELECT e164 FROM calls WHERE e164 IS NOT NULL ORDER BY id LIMIT 1")
history=$(desk_env konsol112 lookup "${number}")
check "the desks work on the switched database" grep -q '"call_count": [1-9]' <<<"${history}"
