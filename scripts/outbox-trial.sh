#!/usr/bin/env bash
# The outbox trial of ADR 0001: our outbox and relay, Spring Modulith's event publication
# registry (JDBC) with Kafka externalization, and Namastack Outbox (JDBC) with a handler that
# sends to Kafka, one after the other, each in its own small Spring context against one
# Kafka broker (started by the stack supervisor, in .outbox-trial-stack/, port 29092) and
# the local PostgreSQL (a fresh database per library, outbox_trial_<name>). For each:
#   drain    100,000 events of OrderPlaced's size waiting in its table, then publishing
#            started: events/s until Kafka acknowledged all, and pg_stat_database's
#            transactions and rows written per event while it published;
#   outage   200 events/s for 60 s over 50 keys, the broker killed (kill -9) after 20 s for
#            20 s; the topic read back: missing, duplicated, out of order per key, and
#            whether and when delivery resumed by itself.
# Writes docs/benchmarks/<date>-outbox-trial.md and .json (the figures; the reading of them
# is added by hand). Off by default: no part of ./mvnw verify.
#
#   scripts/outbox-trial.sh [name=value ...]
#
# Settings (see load-tests' TrialSettings): events=100000 drain-timeout-seconds=180
# outage=true rate=200 stream-seconds=60 keys=50 kill-after-seconds=20 down-seconds=20
# recovery-seconds=90 candidates=ours,modulith,namastack label= out=docs/benchmarks
# kafka-port=29092 db-host=127.0.0.1:5432 db-user=eventshop db-password=eventshop
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/java-home.sh
say() { printf 'outbox-trial: %s\n' "$*"; }

scripts/postgres-ready.sh >/dev/null
say "building: ./mvnw -o -B -q -Dmaven.test.skip=true package -pl local-stack,load-tests -am"
nice -n 19 ./mvnw -o -B -q -Dmaven.test.skip=true package -pl local-stack,load-tests -am

# A fresh broker every run: its data goes with the previous run's folder.
stack_dir=$root/.outbox-trial-stack
rm -rf "$stack_dir"
exec nice -n 19 java -Xmx1g -cp "load-tests/target/classes:load-tests/target/lib/*" \
  com.eventshop.loadtests.outboxtrial.OutboxTrial root="$root" stack-dir="$stack_dir" \
  lib="$root/local-stack/target/lib" "$@"
