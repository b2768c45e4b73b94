#!/usr/bin/env bash
# The whole of EventShop on this machine, without Docker: a Kafka broker (KRaft), an SMTP
# server whose mail can be read (GreenMail), a trace server (Zipkin), the authorization
# server, the five services and the gateway (edge) in front of them, each its own JVM.
#
#   scripts/local-stack.sh up              start what is not running, wait until all is
#                                          healthy, stay in the foreground: Ctrl-C stops it all
#   scripts/local-stack.sh up --scale      the same, scaled out (or LOCAL_STACK_SCALE=true): three
#                                          brokers (kafka, kafka-2, kafka-3), two instances of
#                                          every service (order, order-2, ...)
#   scripts/local-stack.sh start           the same, but return once healthy
#   scripts/local-stack.sh stop | status   stop everything the stack started | what runs
#   scripts/local-stack.sh restart NAME    stop one process (kafka, greenmail, auth-server,
#                                          order, order-2, ..., edge)
#                                          and start it again as it was started
#   scripts/local-stack.sh kill NAME       kill -9 one process, to try a failure
#   scripts/local-stack.sh topics | events TOPIC | groups
#                                          Kafka's tools on the stack's broker
#   scripts/local-stack.sh poison [N]      publish N (1) unreadable records to shop.orders.v1,
#                                          for the dead-letter desk; prints their keys
#
# The work is done by the stack supervisor in Java (local-stack/src/main); this script builds
# what is missing and runs it. Settings and the stack's folder: docs/running.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/java-home.sh
lib=${LOCAL_STACK_LIB:-${LOCAL_STACK_DIR:-$root/.local-stack}/lib}

# Builds the supervisor, the services' jars and the broker's jars when missing or older
# than their sources.
build_if_needed() {
  local name jar main stale=""
  main=local-stack/target/classes/com/eventshop/localstack/supervisor/Main.class
  [ -f $main ] && [ -z "$(find local-stack/src/main -newer $main -print -quit)" ] || stale=yes
  [ -d "$lib/kafka" ] && [ -f "$lib/greenmail/greenmail-standalone.jar" ] && [ -f "$lib/zipkin/zipkin-server-exec.jar" ] || stale=yes
  for name in order-service inventory-service email-service shipping-service analytics-service auth-server edge; do
    jar=$(ls "$name/target/$name-"*-exec.jar 2>/dev/null | head -n 1 || true)
    if [ -z "$jar" ] || [ -n "$(find pom.xml common-events/src/main common-web/src/main \
      common-messaging/src/main "$name/src/main" "$name/pom.xml" -newer "$jar" -print -quit)" ]; then
      stale=yes
    fi
  done
  [ -n "$stale" ] || return 0
  printf 'local-stack: building: ./mvnw -B -q -Dmaven.test.skip=true package -pl local-stack -am\n'
  rm -rf "$lib/kafka" "$lib/greenmail" "$lib/zipkin"
  ./mvnw -B -q -Dmaven.test.skip=true "-Dlocal-stack.lib=$lib" package -pl local-stack -am
}

# The last thing this script does: the supervisor takes over this (sub)shell's process.
supervisor() {
  exec java -Deventshop.root="$root" -cp local-stack/target/classes com.eventshop.localstack.supervisor.Main "$@"
}

command=${1:-}
if [ "${2:-}" = --scale ] && { [ "$command" = up ] || [ "$command" = start ]; }; then
  export LOCAL_STACK_SCALE=true
  set -- "$command"
fi

case $command in
  up)
    build_if_needed
    # In the background, so that this shell takes Ctrl-C (and SIGTERM) and hands it on: the
    # supervisor then stops everything in order.
    supervisor up &
    pid=$!
    trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true; exit 130' INT TERM HUP
    wait "$pid"
    ;;
  start | restart) build_if_needed; supervisor "$@" ;;
  stop | status | kill | topics | events | groups | poison) supervisor "$@" ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
