#!/usr/bin/env bash
# Creates a service's database and its own login if missing (idempotent), through the admin
# login that postgres-ready.sh made. Usage: scripts/service-db.sh NAME [PASSWORD]
# The database and the login are both called NAME; the password defaults to NAME.
set -euo pipefail
name=${1:?usage: service-db.sh NAME [PASSWORD]}
password=${2:-$name}
export PGHOST=${EVENTSHOP_DB_HOST:-127.0.0.1} PGPORT=${EVENTSHOP_DB_PORT:-5432}
export PGUSER=${EVENTSHOP_DB_ADMIN_USER:-eventshop} PGPASSWORD=${EVENTSHOP_DB_ADMIN_PASSWORD:-eventshop}
psql -X -q -d postgres -v ON_ERROR_STOP=1 -v name="$name" -v password="$password" <<'SQL'
select format('create role %I login password %L', :'name', :'password')
  where not exists (select 1 from pg_roles where rolname = :'name') \gexec
select format('alter role %I login password %L', :'name', :'password') \gexec
select format('grant %I to current_user', :'name')
  where not pg_has_role(current_user, :'name', 'member') \gexec
select format('create database %I owner %I', :'name', :'name')
  where not exists (select 1 from pg_database where datname = :'name') \gexec
SQL
echo "service-db: database '$name' with login '$name' is ready"
