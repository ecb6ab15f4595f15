#!/usr/bin/env bash
# Starts a local PostgreSQL server for the tests and prints the TEST_DATABASE_URL to use, alone on
# standard output (progress goes to standard error):
#
#   export TEST_DATABASE_URL=$(bash scripts/postgres.sh)
#
# Safe to run any number of times: it installs Debian's postgresql package only if missing (as root),
# creates the cluster in /tmp/convene-pgdata only once, starts it only if it is not running, and
# creates the role and database convene_test only if they are missing. The server is for tests only:
# it trusts local connections and does not fsync.
set -euo pipefail

DATA_DIR=${CONVENE_TEST_PGDATA:-/tmp/convene-pgdata}
PORT=${CONVENE_TEST_PGPORT:-5432}
SOCKET_DIR=/tmp
ROLE=convene_test
PASSWORD=convene_test
DATABASE=convene_test

say() { echo "postgres.sh: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

PGBIN=$(find_bin)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  if [ "$(id -u)" != "0" ]; then
    say "PostgreSQL is not installed. Install it (sudo apt-get install postgresql) and run this again."
    exit 1
  fi
  say "installing postgresql from Debian..."
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2
  PGBIN=$(find_bin)
fi

# PostgreSQL refuses to run as root: as root, run the server's tools as the postgres user.
as_server_user() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

superuser_sql() {
  psql -h "$SOCKET_DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA -c "$1"
}

if "$PGBIN/pg_isready" -q -h "$SOCKET_DIR" -p "$PORT"; then
  say "a server is already answering on port $PORT"
else
  if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
    say "creating the cluster in $DATA_DIR..."
    rm -rf "$DATA_DIR"
    if [ "$(id -u)" = "0" ]; then
      install -d -o postgres -g postgres -m 700 "$DATA_DIR"
    else
      install -d -m 700 "$DATA_DIR"
    fi
    as_server_user "$PGBIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  say "starting the server on port $PORT (socket in $SOCKET_DIR)..."
  as_server_user "$PGBIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 start \
    -o "-p $PORT -k $SOCKET_DIR -c listen_addresses=localhost -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2 \
    || { say "the server did not start; its log:"; tail -n 20 "$DATA_DIR/server.log" >&2; exit 1; }
fi

if ! superuser_sql 'SELECT 1' >/dev/null 2>&1; then
  say "cannot connect as postgres through $SOCKET_DIR on port $PORT; another server may be using the port"
  exit 1
fi

if [ "$(superuser_sql "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  say "creating the role $ROLE..."
  superuser_sql "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB" >/dev/null
fi
if [ "$(superuser_sql "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != "1" ]; then
  say "creating the database $DATABASE..."
  superuser_sql "CREATE DATABASE $DATABASE OWNER $ROLE" >/dev/null
fi

say "ready: PostgreSQL $(superuser_sql 'SHOW server_version') on port $PORT"
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
