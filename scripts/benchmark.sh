#!/usr/bin/env bash
# Benchmarks EventShop on this machine and writes docs/benchmarks/<yyyy-mm-dd>[-label].md with
# its charts (.svg) and raw figures (.json):
#
#   scripts/benchmark.sh [name=value ...]
#
# It starts its own local stack (scripts/local-stack.sh) with fresh databases and a fresh broker,
# in .bench-stack/ with databases prefixed bench_ and ports 19181-19193, so it can run beside a
# demo stack; runs the phases of the load-tests module (warm-up, the machine's limits through
# plain JDBC and bare Kafka, intake at rising rates, a probe for the highest sustainable rate,
# end to end at half of it, the sustained rate, twice the rate the sustained phase completed
# (overload), an outbox drain, the SMTP server's own
# capacity, an e-mail drain and the analytics read model rebuilt from the run's order history);
# writes the report; then stops the stack and drops its databases.
# Throughput is counted in completed orders (terminal in the order service, every consumer's
# effect committed, every e-mail sent), and every scheduled arrival is accounted for.
#
# Settings (name=value arguments, passed to com.eventshop.loadtests.Benchmark), e.g.
#   sustained-seconds=300      the sustained phase (default 60; the goal asks for 5 minutes)
#   sustained-rate=auto e2e-rate=auto (the probe's rate, and half of it; or a number)
#   probe-start-rate=20 probe-factor=1.25 probe-seconds=30 e2e-seconds=60 intake-rates=300,600,900
#   intake-seconds=20 drain-events=100000 overload-seconds=60 smtp-messages=5000
#   smtp-connections=4 profile=true label=after
#   out=docs/benchmarks
#   rebuild=false              leaves out the analytics rebuild
#   scale=true                 the scaled stack (LOCAL_STACK_SCALE=true): three brokers with
#                              replication 3 and min.insync.replicas 2, two instances of every
#                              service; the orders go through the gateway, which balances them;
#                              the label defaults to "scaled", and the report sets the run beside
#                              the newest single-stack run of the same day in out=
# Environment: BENCHMARK_JAVA_OPTS (the services' JVM options; default below),
# BENCHMARK_TRACING_SAMPLING (the share of requests traced, 0.1), BENCHMARK_ORDER_POOL
# and BENCHMARK_CONSUMER_POOL (database pool sizes, 20 and 3), BENCHMARK_ORDER_HTTP_THREADS (the
# order service's request threads, the pool less 4), BENCHMARK_COMMIT_TIMES (on: turn
# on PostgreSQL's track_commit_timestamp, restarting a local server if needed), the ports and
# folder of scripts/local-stack.sh (ORDER_PORT ..., LOCAL_STACK_DIR, LOCAL_STACK_DB_PREFIX).
#
# Figures are only worth publishing from a machine that runs nothing else; on a shared machine
# hold a lock around the run (flock /tmp/eventshop-heavy.lock scripts/benchmark.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
say() { printf 'benchmark: %s\n' "$*"; }

export LOCAL_STACK_DIR=${LOCAL_STACK_DIR:-$root/.bench-stack}
export LOCAL_STACK_DB_PREFIX=${LOCAL_STACK_DB_PREFIX:-bench_}
export ORDER_PORT=${ORDER_PORT:-19181} INVENTORY_PORT=${INVENTORY_PORT:-19182} EMAIL_PORT=${EMAIL_PORT:-19183}
export SHIPPING_PORT=${SHIPPING_PORT:-19184} ANALYTICS_PORT=${ANALYTICS_PORT:-19185}
export KAFKA_PORT=${KAFKA_PORT:-19192} KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19193}
export MAIL_PORT=${MAIL_PORT:-19125} GREENMAIL_API_PORT=${GREENMAIL_API_PORT:-19126}
export AUTH_PORT=${AUTH_PORT:-19190} EDGE_PORT=${EDGE_PORT:-19180} ZIPKIN_PORT=${ZIPKIN_PORT:-19194}
# scale=true: the second and third brokers and the second instances
export KAFKA_2_PORT=${KAFKA_2_PORT:-19292} KAFKA_2_CONTROLLER_PORT=${KAFKA_2_CONTROLLER_PORT:-19293}
export KAFKA_3_PORT=${KAFKA_3_PORT:-19392} KAFKA_3_CONTROLLER_PORT=${KAFKA_3_CONTROLLER_PORT:-19393}
export ORDER_2_PORT=${ORDER_2_PORT:-19281} INVENTORY_2_PORT=${INVENTORY_2_PORT:-19282} EMAIL_2_PORT=${EMAIL_2_PORT:-19283}
export SHIPPING_2_PORT=${SHIPPING_2_PORT:-19284} ANALYTICS_2_PORT=${ANALYTICS_2_PORT:-19285}
# The orders are placed by BENCHMARK_CUSTOMERS virtual customers (load-1 .. load-N, which the
# stack's auth-server seeds), each signed in (authorization code + PKCE) before the measured
# phases; their tokens outlive the run.
customers=${BENCHMARK_CUSTOMERS:-50}
# Scaled, the orders go through the gateway, whose per-customer placement limit (20 a minute
# each) would cap 50 customers at about 17 orders/s: the benchmark measures the pipeline, so
# the limit is lifted unless set.
export EDGE_PLACEMENT_BURST=${EDGE_PLACEMENT_BURST:-1000000}
export AUTH_LOAD_CUSTOMERS=$customers AUTH_CLI_ACCESS_TOKEN_TTL=${AUTH_CLI_ACCESS_TOKEN_TTL:-4h}
export AUTH_LOAD_CUSTOMER_PASSWORD=${AUTH_LOAD_CUSTOMER_PASSWORD:-load-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')}
export EVENTSHOP_ADMIN_PASSWORD=${EVENTSHOP_ADMIN_PASSWORD:-benchmark-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')}
# The demo stack's options (quick C1 compiler only, 384 MB heaps) start fast but do not run
# like a server: the benchmark gives the JIT its full tiers and the heap some room.
export LOCAL_STACK_JAVA_OPTS=${BENCHMARK_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
# The demo stack traces every request; the benchmark runs at the services' own default (one
# in ten), and its report charges the cost of tracing at that setting apart from metrics.
export TRACING_SAMPLING_PROBABILITY=${BENCHMARK_TRACING_SAMPLING:-0.1}
# One PostgreSQL (max_connections 100 by default) serves all five services, the baseline and
# perhaps other stacks: the order service keeps its default pool, the consumers (which handle
# events in batches) get small ones. Hikari opens the whole pool at start, so these are held.
# The JDBC baseline runs on as many connections as the order service has request threads.
order_pool=${BENCHMARK_ORDER_POOL:-20} consumer_pool=${BENCHMARK_CONSUMER_POOL:-3}
export ORDER_DB_POOL_SIZE=$order_pool INVENTORY_DB_POOL_SIZE=$consumer_pool EMAIL_DB_POOL_SIZE=$consumer_pool
export SHIPPING_DB_POOL_SIZE=$((consumer_pool + 1)) ANALYTICS_DB_POOL_SIZE=$consumer_pool
# The order service's request threads stay below its pool, leaving connections to the saga's
# listeners and the outbox relay (see order-service's application.yml).
export ORDER_HTTP_THREADS=${BENCHMARK_ORDER_HTTP_THREADS:-$((order_pool - 4))}
db_host=${EVENTSHOP_DB_HOST:-127.0.0.1} db_port=${EVENTSHOP_DB_PORT:-5432}
db_user=${EVENTSHOP_DB_ADMIN_USER:-eventshop} db_password=${EVENTSHOP_DB_ADMIN_PASSWORD:-eventshop}

. scripts/java-home.sh
# Latencies run from commit to commit when PostgreSQL records commit times. Turning that on
# restarts a local server (ending its other connections): BENCHMARK_COMMIT_TIMES=off leaves
# the server as it is, and the report then uses the times rows were written.
if [ "${BENCHMARK_COMMIT_TIMES:-on}" = on ]; then
  bash scripts/postgres-ready.sh --commit-timestamps
else
  bash scripts/postgres-ready.sh >/dev/null
fi

drop_databases() {
  local name
  for name in orders inventory email shipping analytics baseline_scratch; do
    PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=$db_password psql -X -q -h "$db_host" -p "$db_port" -U "$db_user" -d postgres \
      -c "drop database if exists ${LOCAL_STACK_DB_PREFIX}$name with (force)" >/dev/null 2>&1 ||
      say "could not drop ${LOCAL_STACK_DB_PREFIX}$name (still in use?); drop it by hand"
  done
}

say "building the services, the broker's jars and the benchmark"
./mvnw -B -q -Dmaven.test.skip=true package -pl local-stack,load-tests -am

# runs=N (default 1) repeats the whole run N times, each on a fresh stack, and writes a
# spread report (<date>[-label]-spread.md: min / median / max of every goal figure; its
# -spread-goals.json holds the medians, which scripts/reliability.sh reads for its rate).
runs=1 label="" out=docs/benchmarks scale=false args=()
for arg in "$@"; do
  case $arg in
  runs=*) runs=${arg#runs=} ;;
  label=*) label=${arg#label=} ;;
  scale=*)
    scale=${arg#scale=}
    args+=("$arg")
    ;;
  out=*)
    out=${arg#out=}
    args+=("$arg")
    ;;
  *) args+=("$arg") ;;
  esac
done

# Scaled, every service runs twice (each instance with the pools above) and the event
# topics have three copies on three brokers.
kafka="127.0.0.1:$KAFKA_PORT" pools_of=""
if [ "$scale" = true ]; then
  export LOCAL_STACK_SCALE=true
  pools_of=", in each of the two instances"
  kafka="$kafka,127.0.0.1:$KAFKA_2_PORT,127.0.0.1:$KAFKA_3_PORT"
  label=${label:-scaled}
else
  # a LOCAL_STACK_SCALE=true from the environment would scale a stack the run takes for single
  export LOCAL_STACK_SCALE=false
fi

jar=$(ls load-tests/target/load-tests-*.jar | grep -v sources | head -n 1)
one_run() {
  # A fresh start every time: figures must not depend on what an earlier run left behind.
  scripts/local-stack.sh stop >/dev/null 2>&1 || true
  rm -rf "$LOCAL_STACK_DIR/kafka" "$LOCAL_STACK_DIR/kafka-cluster" "$LOCAL_STACK_DIR/profiles"
  drop_databases
  scripts/local-stack.sh start >/dev/null
  say "stack is up in $LOCAL_STACK_DIR"
  java -Xms256m -Xmx1g -cp "$jar:load-tests/target/lib/*" com.eventshop.loadtests.Benchmark \
    "root=$root" "order-url=http://127.0.0.1:$ORDER_PORT" "inventory-url=http://127.0.0.1:$INVENTORY_PORT" \
    "admin-user=${EVENTSHOP_ADMIN_USER:-admin}" "admin-password=$EVENTSHOP_ADMIN_PASSWORD" \
    "kafka=$kafka" "smtp-port=$MAIL_PORT" "db-host=$db_host" "db-port=$db_port" \
    "db-prefix=$LOCAL_STACK_DB_PREFIX" "db-admin-user=$db_user" "db-admin-password=$db_password" \
    "pids=$LOCAL_STACK_DIR/pids" "java-opts=$LOCAL_STACK_JAVA_OPTS" "jdbc-concurrency=$ORDER_HTTP_THREADS" \
    "auth-url=http://localhost:$AUTH_PORT" "edge-url=http://127.0.0.1:$EDGE_PORT" "customers=$customers" "customer-password=$AUTH_LOAD_CUSTOMER_PASSWORD" \
    "analytics-url=http://127.0.0.1:$ANALYTICS_PORT" "tracing-sampling=$TRACING_SAMPLING_PROBABILITY" \
    "pools=order $order_pool (request threads $ORDER_HTTP_THREADS), inventory, email and analytics $consumer_pool, shipping $((consumer_pool + 1))$pools_of" \
    "label=$1" ${args[@]+"${args[@]}"}
  scripts/local-stack.sh stop >/dev/null 2>&1 || true
}
trap 'say "stopping the stack"; scripts/local-stack.sh stop || true; drop_databases' EXIT
if [ "$runs" -le 1 ]; then
  one_run "$label"
else
  run=1
  while [ "$run" -le "$runs" ]; do
    say "run $run of $runs"
    one_run "${label:+$label-}run$run"
    run=$((run + 1))
  done
  name="$(date +%F)${label:+-$label}"
  java -cp "$jar:load-tests/target/lib/*" com.eventshop.loadtests.report.Spread "$out/$name-spread.md" \
    "$out/$name"-run*-goals.json
  say "spread of $runs runs: $out/$name-spread.md"
fi
