#!/usr/bin/env bash
# The whole failure-injection matrix against the real system (the five services as
# separate JVMs, a real Kafka broker, PostgreSQL, GreenMail), at full size, then its report
# copied to docs/reliability/. The fast subset of the same tests runs in ./mvnw verify.
#
#   scripts/reliability.sh
#
# Scenarios: control; Kafka broker kill -9 for 20 s; each of the five services kill -9 and
# restarted; inventory cut off its database for 15 s; SMTP unreachable for 30 s; 100 poison
# records among the orders plus a consumer bug, then the operator's replay; a slice of
# handled events published again; a corpus of bad HTTP requests. Each scenario places
# orders at a steady rate and accounts for every order answered 201 in every consumer's
# database and in the mailbox.
#
# Settings (environment, all optional): RELIABILITY_RATE (orders/s, 50),
# RELIABILITY_DURATION (load per scenario, 60s), RELIABILITY_POISON (100),
# RELIABILITY_REPORTS (where the report goes, docs/reliability). docs/running.md has the
# known limits.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
scripts/postgres-ready.sh >/dev/null

reports=${RELIABILITY_REPORTS:-docs/reliability}
results=system-tests/target/reliability
rm -rf "$results"
status=0
./mvnw -B -pl local-stack,system-tests -am verify -Dtest=ReliabilityTests -Dsurefire.failIfNoSpecifiedTests=false \
	-Dreliability.excluded-groups=none \
	"-Dreliability.orders-per-second=${RELIABILITY_RATE:-50}" "-Dreliability.duration=${RELIABILITY_DURATION:-60s}" \
	-Dreliability.broker-outage=20s -Dreliability.smtp-outage=30s -Dreliability.database-outage=15s \
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
