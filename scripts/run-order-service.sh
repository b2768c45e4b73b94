#!/usr/bin/env bash
# Runs the order service on this machine without Docker: makes PostgreSQL ready, creates the
# 'orders' database and login, builds the service if needed and starts it on port 8081.
# Kafka is expected at KAFKA_BOOTSTRAP_SERVERS (default localhost:9092). Without a broker the
# service still accepts orders; they wait in its outbox and are published when Kafka appears.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
bash scripts/postgres-ready.sh
bash scripts/service-db.sh orders
jar=$(ls order-service/target/order-service-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -B -q -DskipTests -pl order-service -am package
  jar=$(ls order-service/target/order-service-*-exec.jar | head -n 1)
fi
exec java -jar "$jar"
