#!/bin/bash
# Runs once, when the PostgreSQL container starts with an empty data volume: one database and
# one login per service, each called after the service's data (the same names and passwords
# as scripts/local-stack.sh creates with scripts/service-db.sh). Each login owns only its
# database, so a service cannot read another's tables.
set -euo pipefail
for name in orders inventory email shipping analytics; do
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v name="$name" <<'SQL'
select format('create role %I login password %L', :'name', :'name') \gexec
select format('create database %I owner %I', :'name', :'name') \gexec
select format('revoke all on database %I from public', :'name') \gexec
SQL
done
