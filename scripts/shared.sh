#!/usr/bin/env bash
# The shared mode's server: PostgreSQL and Kinto on 127.0.0.1, for `make shared` and the
# tests. Installs only what is missing, and says what it installs.
#
#   scripts/shared.sh install              Kinto (pinned) in .venv/; PostgreSQL if absent
#   scripts/shared.sh start DIR PORT       database under DIR (made on first use, kept after),
#                                          PostgreSQL on a free port, Kinto on PORT (0: a
#                                          port the system gives it, written to
#                                          DIR/kinto.port); both in the background, their
#                                          process ids in DIR/*.pid; returns once Kinto's
#                                          heartbeat answers
#   scripts/shared.sh stop DIR             stops both by their process ids
#   scripts/shared.sh password DIR EMAIL [TEMP]
#                                          while DIR's server runs: a temporary password
#                                          for EMAIL's account (a forgotten password;
#                                          nobody can do it through the server), made up
#                                          (or TEMP, at least 16 characters) and printed
#                                          once; Kinto restarts so the old one stops at once
#   scripts/shared.sh sql DIR              while DIR's server runs: psql on its database,
#                                          statements on standard input (the tests)
#   scripts/shared.sh run                  `make shared`: start target/shared (Kinto on
#                                          $KINTO_PORT, 8888 by default), provision it, serve
#                                          the app at http://127.0.0.1:8080, Ctrl-C stops all
#
# The operator account is ONBOARD_OPERATOR_EMAIL / ONBOARD_OPERATOR_PASSWORD when set,
# otherwise made up on first use, printed once and kept in DIR/operator (mode 600).
# CORS: ONBOARD_ORIGINS (space separated) adds origins to http://127.0.0.1:8080.
# ONBOARD_KINTO_PAGE=N: Kinto answers listings in pages of N records (the tests' setting).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
KINTO_VERSION=26.5.0
VENV=$ROOT/.venv
say() { printf '\033[1mshared:\033[0m %s\n' "$*" >&2; }

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return
  return 1
}

install() {
  if ! "$VENV/bin/kinto" version 2>/dev/null | grep -q "$KINTO_VERSION"; then
    say "installing kinto[postgresql]==$KINTO_VERSION into .venv/ (pip, about a minute once)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "kinto[postgresql]==$KINTO_VERSION"
  fi
  if ! pg_bin >/dev/null; then
    say "installing Debian postgresql (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
  fi
}

# Runs a PostgreSQL program as the owner of the data directory (postgres refuses root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_until() { # wait_until SECONDS PID COMMAND...: COMMAND succeeds while PID lives
  local until=$((SECONDS + $1)) pid=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || return 1
    [ $SECONDS -lt $until ] || return 1
    sleep 0.2
  done
}

# The TCP port process PID listens on, once it does (its own sockets in /proc matched
# against the listening ones): which server answers is then known, not assumed.
listening_port() { # listening_port PID SECONDS
  python3 - "$@" <<'PY'
import os, sys, time
pid, until = sys.argv[1], time.time() + float(sys.argv[2])
while time.time() < until:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        sys.exit(1)  # it has exited
    mine = set()
    for fd in fds:
        try:  # a file it closed meanwhile
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:["):
            mine.add(link[8:-1])
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        f = line.split()
        if f[3] == "0A" and f[9] in mine:
            print(int(f[1].split(":")[1], 16))
            sys.exit(0)
    time.sleep(0.1)
sys.exit(1)
PY
}

operator() { # sets OP_EMAIL and OP_PASSWORD for DIR
  local dir=$1
  if [ -n "${ONBOARD_OPERATOR_EMAIL:-}" ] && [ -n "${ONBOARD_OPERATOR_PASSWORD:-}" ]; then
    OP_EMAIL=$ONBOARD_OPERATOR_EMAIL OP_PASSWORD=$ONBOARD_OPERATOR_PASSWORD
    return
  fi
  if [ ! -f "$dir/operator" ]; then
    (umask 077; printf 'office@onboard.example\n%s\n' \
      "$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')" > "$dir/operator")
    OP_NEW=1
  fi
  { read -r OP_EMAIL; read -r OP_PASSWORD; } < "$dir/operator"
}

start() {
  local dir=$1 port=$2 bin pgport origins
  install
  bin=$(pg_bin)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  operator "$dir"
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    say "initialising a database in $dir/pg"
    mkdir -p "$dir/pg" "$dir/sock"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pg" "$dir/sock"
    as_pg "$bin/initdb" -D "$dir/pg" --auth=trust -U postgres -E UTF8 >"$dir/initdb.log"
  fi
  # A free port can be taken by another program between being found and being bound
  # (tests start servers side by side): PostgreSQL then exits, and another attempt gets
  # another port. Readiness is asked over this directory's own socket, so an answer
  # never comes from somebody else's server on that port.
  local attempt
  for attempt in 1 2 3 4 5; do
    pgport=$(free_port)
    as_pg "$bin/postgres" -D "$dir/pg" -c listen_addresses=127.0.0.1 -p "$pgport" \
      -k "$dir/sock" >"$dir/postgres.log" 2>&1 &
    local pgjob=$!
    if wait_until 30 "$pgjob" "$bin/pg_isready" -h "$dir/sock" -p "$pgport"; then break; fi
    if kill -0 "$pgjob" 2>/dev/null || ! grep -q "Address already in use" "$dir/postgres.log"; then
      say "PostgreSQL did not start: $dir/postgres.log"; exit 1
    fi
    say "PostgreSQL's port $pgport was taken meanwhile; another one (attempt $attempt)"
    [ "$attempt" -lt 5 ] || { say "PostgreSQL found no free port: $dir/postgres.log"; exit 1; }
  done
  # The server's own process id (runuser may stand between this shell and it).
  head -1 "$dir/pg/postmaster.pid" >"$dir/postgres.pid"
  local psql=("$bin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='onboard'")" != 1 ]; then
    "${psql[@]}" -c "create database onboard"
  fi
  # Conditional writes are only safe at repeatable read: at read committed several writers
  # holding the same ETag all succeed (measured: 3-4 of 6). tests/shared.rs proves it.
  "${psql[@]}" -c "alter database onboard set default_transaction_isolation to 'repeatable read'"
  [ -f "$dir/secret" ] || (umask 077; python3 -c 'import secrets; print(secrets.token_hex(32))' >"$dir/secret")
  origins="http://127.0.0.1:8080 http://localhost:8080 ${ONBOARD_ORIGINS:-}"
  # The test harness serves each browser from a port of its own: it allows any origin.
  if [ "${ONBOARD_ORIGINS:-}" = "*" ]; then origins="*"; fi
  sed -e "s|@DB@|postgresql://postgres@127.0.0.1:$pgport/onboard|g" \
      -e "s|@OPERATOR@|account:$OP_EMAIL|g" \
      -e "s|@ORIGINS@|$origins|g" \
      -e "s|@SECRET@|$(cat "$dir/secret")|g" \
      "$ROOT/scripts/kinto.ini" >"$dir/kinto.ini"
  # ONBOARD_KINTO_PAGE: at most this many records per answer to a listing (Kinto's
  # `paginate_by`; a host may set one). The tests set a small one, so that every
  # listing the app reads comes in pages, as a large data set's does at 10,000.
  if [ -n "${ONBOARD_KINTO_PAGE:-}" ]; then
    sed -i "s|^kinto.cache_url =.*|&\nkinto.paginate_by = $ONBOARD_KINTO_PAGE|" "$dir/kinto.ini"
  fi
  "$VENV/bin/kinto" migrate --ini "$dir/kinto.ini" >"$dir/migrate.log" 2>&1 \
    || { say "kinto migrate failed: $dir/migrate.log"; exit 1; }
  echo "$port" >"$dir/kinto.port"
  start_kinto "$dir"
  if [ -n "${OP_NEW:-}" ]; then
    say "operator account made up for this database (kept in $dir/operator):"
    say "  $OP_EMAIL  $OP_PASSWORD"
  fi
}

start_kinto() { # DIR: Kinto on DIR/kinto.port (0: one the system gives) over the database
  local dir=$1 asked port pid
  asked=$(cat "$dir/kinto.port")
  "$VENV/bin/kinto" start --ini "$dir/kinto.ini" --port "$asked" >>"$dir/kinto.log" 2>&1 &
  pid=$!
  echo "$pid" >"$dir/kinto.pid"
  # The port is the one this process listens on: a port named by the caller that
  # another program holds makes Kinto exit, and must not pass for started because that
  # other program answers the heartbeat.
  if ! port=$(listening_port "$pid" 60); then
    say "Kinto did not start on port $asked (taken by another program?): $dir/kinto.log"
    stop "$dir"
    exit 1
  fi
  echo "$port" >"$dir/kinto.port"
  if ! wait_until 60 "$pid" curl -sf "http://127.0.0.1:$port/v1/__heartbeat__"; then
    say "Kinto did not answer on port $port: $dir/kinto.log"
    stop "$dir"
    exit 1
  fi
}

# A forgotten password: the accounts are nobody's to write but their own (no browser
# ever holds another person's hash), so the host sets a temporary one with Kinto's own
# command and tells the person outside the app. Kinto keeps a password it checked in
# its memory for 30 s after every use, so it is restarted: the old one stops at once.
password() {
  local dir=$1 email=$2 temp=${3:-} pid
  [ -f "$dir/kinto.pid" ] && [ -f "$dir/postgres.pid" ] || { say "no server runs in $dir (make shared)"; exit 1; }
  if [ -z "$temp" ]; then
    temp=$(python3 -c 'import secrets; print(secrets.token_urlsafe(12))')
  elif [ ${#temp} -lt 16 ]; then
    say "a temporary password has at least 16 characters"; exit 2
  fi
  # `--password=`, not `-p VALUE`: a password may begin with "-" (token_urlsafe's does
  # 1 time in 64), which `-p` would take for an option and fail.
  "$VENV/bin/kinto" create-user --ini "$dir/kinto.ini" --username="$email" --password="$temp" \
    >>"$dir/kinto.log" 2>&1 || { say "kinto create-user failed: $dir/kinto.log"; exit 1; }
  pid=$(cat "$dir/kinto.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  start_kinto "$dir"
  say "temporary password for $email (tell them yourself; they change it on their profile page):"
  echo "$temp"
}

stop() {
  local dir=$1 f pid
  for f in kinto postgres; do
    [ -f "$dir/$f.pid" ] || continue
    pid=$(cat "$dir/$f.pid")
    # SIGTERM stops Kinto (started in the background, it ignores SIGINT); SIGINT is
    # PostgreSQL's fast shutdown.
    if [ $f = kinto ]; then kill -TERM "$pid" 2>/dev/null || true; else kill -INT "$pid" 2>/dev/null || true; fi
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/$f.pid"
  done
}

# psql on DIR's database, statements on its standard input: the tests use it to hold
# a transaction open as a slow request of Kinto's would.
sql() {
  local dir=$1 port
  port=$(sed -n 's|.*postgresql://postgres@127.0.0.1:\([0-9]*\)/onboard.*|\1|p' "$dir/kinto.ini" | head -1)
  exec "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d onboard -qtA -v ON_ERROR_STOP=1
}

run() {
  local port=${KINTO_PORT:-8888}
  SHARED_DIR=$ROOT/target/shared
  start "$SHARED_DIR" "$port"
  trap 'echo; say "stopping Kinto and PostgreSQL"; stop "$SHARED_DIR"' EXIT
  trap 'exit 130' INT TERM
  ONBOARD_OPERATOR_EMAIL=$OP_EMAIL ONBOARD_OPERATOR_PASSWORD=$OP_PASSWORD \
    cargo run --quiet --example provision -- "http://127.0.0.1:$port/v1"
  say "Kinto: http://127.0.0.1:$port/v1 (database in target/shared; Ctrl-C stops both)"
  [ -n "${ONBOARD_OPERATOR_EMAIL:-}" ] || say "operator: $OP_EMAIL (password in target/shared/operator)"
  say "app:   http://127.0.0.1:8080/data?server=http://127.0.0.1:$port/v1 (press Connect; this browser then works on the server)"
  scripts/setup.sh build
  trunk serve --offline
}

case "${1:-}" in
  install) install ;;
  start) start "${2:?DIR}" "${3:?PORT}" ;;
  stop) stop "${2:?DIR}" ;;
  password) password "${2:?DIR}" "${3:?EMAIL}" "${4:-}" ;;
  sql) sql "${2:?DIR}" ;;
  run) run ;;
  *) sed -n '2,23p' "$0" >&2; exit 2 ;;
esac
