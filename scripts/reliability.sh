#!/usr/bin/env bash
# The whole failure-injection matrix against the real system (the five services as
# separate JVMs, a real Kafka broker, PostgreSQL, GreenMail), at full size, then its report
# copied to docs/reliability/. The fast subset of the same tests runs in ./mvnw verify.
#
#   scripts/reliability.sh
#   scripts/reliability.sh --scale   the cluster matrix instead (ScaledClusterTests): the scaled
#                                    stack (3 brokers, 2 instances of each service, orders through
#                                    the gateway); a broker killed under load, the controller
#                                    killed, one instance of each service killed, both instances
#                                    of inventory killed. Report: docs/reliability/<date>-scaled.md
#
# Scenarios: control; Kafka broker kill -9 for 20 s; each of the five services kill -9 and
# restarted; inventory cut off its database for 3 minutes; inventory's database read-only
# for 3 minutes; SMTP unreachable for 30 s; 100 poison records among the orders plus a
# consumer bug, then the operator's replay; a slice of handled events published again; a
# corpus of bad HTTP requests; every service started while the broker is down, the broker
# 30 s later; 50 parallel Prometheus scrapes during a broker outage while orders keep
# coming; and (CancellationRaceTests) 1,000 cancellations racing dispatch. After each
# scenario the invariants of system-tests' Invariants.java are checked (stock conserved per
# SKU, one consistent final state per order in every service and in the mailbox, exactly
# the poison in each dead-letter topic); the report lists any that broke.
#
# Settings (environment, all optional):
#   RELIABILITY_RATE        orders/s without a fault. Unset, the rate the newest benchmark
#                           report in docs/benchmarks completed in its sustained phase (the
#                           highest rate this kind of machine sustains; 50 when there is none)
#   RELIABILITY_FAULT_RATE  orders/s while a fault is injected (half of RELIABILITY_RATE)
#   RELIABILITY_DURATION    load per scenario (60s); a fault longer than it stretches its
#                           scenario's load to 1.5 times the fault
#   RELIABILITY_DB_OUTAGE   the database cut and read-only faults (180s)
#   RELIABILITY_POISON (100), RELIABILITY_RACE_ORDERS (1000), RELIABILITY_KAFKA_DELAY (30s),
#   RELIABILITY_REPORTS (where the report goes, docs/reliability).
#   RELIABILITY_PORTS       the block of ports the stacks choose from (e.g. 25000-25099;
#                           any free port between 20000 and 32000 unless set)
#   LOCAL_STACK_DB_PREFIX   the stacks' database name prefix (faults_), a random part added
#   LOCAL_STACK_TIMEOUT     seconds a process of the stacks may take to be ready (300)
#   RELIABILITY_TESTS       which tests run, as surefire's -Dtest takes them: a part of the
#                           matrix, e.g. 'ReliabilityTests#steadyLoad*+consumerCutOff*' (all
#                           unless set); the report lists the scenarios that ran
# docs/running.md has the known limits.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
scripts/postgres-ready.sh >/dev/null

reports=${RELIABILITY_REPORTS:-docs/reliability}
status=0

if [ "${1:-}" = --scale ]; then
  results=system-tests/target/reliability-scaled
  rm -rf "$results"
  ./mvnw -B -pl local-stack,system-tests -am verify -Dtest='ScaledClusterTests' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dreliability.excluded-groups=none -Dreliability.scale=true \
    "-Dreliability.orders-per-second=${RELIABILITY_RATE:-10}" "-Dreliability.duration=${RELIABILITY_DURATION:-40s}" \
    -Dreliability.broker-outage=15s -Dreliability.settle-timeout=300s || status=$?
  report=$(ls -t "$results"/*.md 2>/dev/null | head -1 || true)
  if [ -z "$report" ]; then
    echo "reliability: no report was written (see the Maven output above)" >&2
    exit 1
  fi
  mkdir -p "$reports"
  name=$(date -u +%Y-%m-%d)-scaled
  cp "$report" "$reports/$name.md"
  cp "${report%.md}.json" "$reports/$name.json"
  echo "reliability: cluster matrix exit $status; report in $reports/$name.md"
  exit "$status"
fi

# The rate the newest benchmark of the single stack completed in its sustained phase (its
# *-goals.json; a spread's median when the run was repeated), rounded down. "Newest" is the
# commit that added the report (a fresh clone gives every file the same modification time),
# or the file's own time for a report not committed yet.
measured_rate() {
  local goals file time
  goals=$(for file in docs/benchmarks/*-goals.json; do
    [ -e "$file" ] || continue
    case $file in *-run[0-9]*-goals.json | *-scaled*) continue ;; esac
    time=$(git log -1 --format=%ct -- "$file" 2>/dev/null || true)
    [ -n "$time" ] && [ -z "$(git status --porcelain -- "$file" 2>/dev/null)" ] || time=$(stat -c %Y "$file")
    printf '%s %s\n' "$time" "$file"
  done | sort -n -k1,1 | tail -n 1 | cut -d' ' -f2- || true)
  [ -n "$goals" ] || return 0
  sed -n 's/^ *"completed orders\/s, sustained" *: *\([0-9][0-9]*\).*/\1/p' "$goals" | head -n 1
}

results=system-tests/target/reliability
rm -rf "$results"
rate=${RELIABILITY_RATE:-$(measured_rate)}
if [ -z "${RELIABILITY_RATE:-}" ]; then
  rate=${rate:-50}
  echo "reliability: $rate orders/s (the sustained rate of the newest report in docs/benchmarks; RELIABILITY_RATE sets it)"
fi
./mvnw -B -pl local-stack,system-tests -am verify "-Dtest=${RELIABILITY_TESTS:-ReliabilityTests,CancellationRaceTests,InvariantsTests}" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dreliability.excluded-groups=none \
  "-Deventshop.ports=${RELIABILITY_PORTS:-}" "-Dreliability.db-prefix=${LOCAL_STACK_DB_PREFIX:-faults_}" \
  "-Dreliability.orders-per-second=$rate" "-Dreliability.fault-orders-per-second=${RELIABILITY_FAULT_RATE:-$((rate / 2))}" \
  "-Dreliability.duration=${RELIABILITY_DURATION:-60s}" \
  -Dreliability.broker-outage=20s -Dreliability.smtp-outage=30s "-Dreliability.database-outage=${RELIABILITY_DB_OUTAGE:-180s}" \
  "-Dreliability.kafka-delay=${RELIABILITY_KAFKA_DELAY:-30s}" -Dreliability.scrapes=50 \
  "-Dsaga.race.orders=${RELIABILITY_RACE_ORDERS:-1000}" \
  "-Dreliability.poison=${RELIABILITY_POISON:-100}" -Dreliability.bugged=10 -Dreliability.settle-timeout=300s ||
  status=$?

report=$(ls -t "$results"/*.md 2>/dev/null | head -1 || true)
if [ -z "$report" ]; then
  echo "reliability: no report was written (see the Maven output above)" >&2
  exit 1
fi
mkdir -p "$reports"
name=$(date -u +%Y-%m-%d)
cp "$report" "$reports/$name.md"
cp "${report%.md}.json" "$reports/$name.json"
if [ "$status" -eq 0 ]; then
  echo "reliability: every scenario passed; report in $reports/$name.md"
else
  echo "reliability: a scenario failed (exit $status); report in $reports/$name.md" >&2
fi
exit "$status"
