#!/usr/bin/env bash
# Makes a local PostgreSQL ready for EventShop's tests and its no-Docker stack. Idempotent:
#   - starts the installed cluster if it is stopped (creates one if the server is installed
#     but has no cluster);
#   - creates (or updates the password of) a login role that may create databases and roles;
#   - checks that a password login over TCP works, as the services and tests do it.
#   - with --commit-timestamps, makes the server record when each transaction committed
#     (track_commit_timestamp, for the benchmark's commit-to-commit latencies): if it is off,
#     turns it on and restarts the local cluster, which ends every open connection to it.
# Settings (environment): EVENTSHOP_DB_HOST (127.0.0.1), EVENTSHOP_DB_PORT (5432),
# EVENTSHOP_DB_ADMIN_USER (eventshop), EVENTSHOP_DB_ADMIN_PASSWORD (eventshop).
set -euo pipefail

commit_timestamps=false
for arg in "$@"; do
  case $arg in
    --commit-timestamps) commit_timestamps=true ;;
    *) printf 'postgres-ready: unknown argument %s\n' "$arg" >&2; exit 2 ;;
  esac
done

host=${EVENTSHOP_DB_HOST:-127.0.0.1}
port=${EVENTSHOP_DB_PORT:-5432}
user=${EVENTSHOP_DB_ADMIN_USER:-eventshop}
password=${EVENTSHOP_DB_ADMIN_PASSWORD:-eventshop}

say() { printf 'postgres-ready: %s\n' "$*"; }
die() { printf 'postgres-ready: %s\n' "$*" >&2; exit 1; }

can_login() {
  PGPASSWORD=$password PGCONNECT_TIMEOUT=3 psql -X -q -h "$host" -p "$port" -U "$user" -d postgres \
    -tAc 'select 1' >/dev/null 2>&1
}

# Runs a command with no file descriptors but 0-2 open: the server it starts lives on and
# must not inherit ours (a lock file held with flock(1) would stay locked while it runs).
without_inherited_fds() {
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@"
  )
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

setting() {
  PGPASSWORD=$password psql -X -q -h "$host" -p "$port" -U "$user" -d postgres -tAc "show $1"
}

# The local cluster serving $port, as "version name", or nothing.
local_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v p="$port" '$3 == p {print $1" "$2; exit}'
}

ensure_commit_timestamps() {
  [ "$(setting track_commit_timestamp)" = on ] && return 0
  local cluster
  cluster=$(local_cluster)
  if [ -z "$cluster" ]; then
    say "track_commit_timestamp is off and the server on $host:$port is not a local cluster;"
    say "turn it on there (it needs a restart) for commit-to-commit latencies"
    return 0
  fi
  say "turning on track_commit_timestamp and restarting cluster ${cluster/ //}"
  as_postgres psql -X -q -p "$port" -c "alter system set track_commit_timestamp = on" >/dev/null
  # shellcheck disable=SC2086
  without_inherited_fds pg_ctlcluster $cluster restart
  for _ in $(seq 1 30); do
    pg_isready -q -h "$host" -p "$port" && break
    sleep 1
  done
  [ "$(setting track_commit_timestamp)" = on ] || die "track_commit_timestamp is still off after the restart"
}

if can_login; then
  if $commit_timestamps; then ensure_commit_timestamps; fi
  say "ready: $user@$host:$port"
  exit 0
fi

command -v pg_lsclusters >/dev/null 2>&1 || die "no PostgreSQL server found. Install one
  (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@15) or point
  EVENTSHOP_DB_HOST/PORT at a running server, then run this script again. With Docker, tests
  need none of this: they start PostgreSQL in a container."

# Pick the cluster on our port, or the first one; create one if there is none.
cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$port" '$3 == p {print $1" "$2; exit}')
[ -n "$cluster" ] || cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  [ -n "$version" ] || die "the PostgreSQL client is installed but no server: apt-get install postgresql"
  say "creating cluster $version/main on port $port"
  pg_createcluster "$version" main --port "$port" >/dev/null
  cluster="$version main"
fi
set -- $cluster
version=$1 name=$2
status=$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {print $4}')
if [ "$status" != online ]; then
  say "starting cluster $version/$name"
  without_inherited_fds pg_ctlcluster "$version" "$name" start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h "$host" -p "$port" && break
  sleep 1
done
pg_isready -q -h "$host" -p "$port" || die "cluster $version/$name did not accept connections on $host:$port"

# Role with a password; CREATEDB for per-test databases, CREATEROLE for per-service logins.
as_postgres psql -X -q -p "$port" -v ON_ERROR_STOP=1 -v user="$user" -v password="$password" <<'SQL'
select format('create role %I login createdb createrole password %L', :'user', :'password')
  where not exists (select 1 from pg_roles where rolname = :'user') \gexec
select format('alter role %I login createdb createrole password %L', :'user', :'password') \gexec
SQL

can_login || die "created role '$user' but a password login over TCP to $host:$port still fails;
  check pg_hba.conf allows 'host all all 127.0.0.1/32 scram-sha-256' (or md5)."
if $commit_timestamps; then ensure_commit_timestamps; fi
say "ready: $user@$host:$port"
