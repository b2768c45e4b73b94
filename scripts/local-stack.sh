#!/usr/bin/env bash
# The whole of EventShop on this machine, without Docker, each process its own JVM. The
# stack supervisor in Java (local-stack/src/main) does the work; this script builds what is
# missing or stale and hands the command on. Commands: scripts/local-stack.sh help.
# Settings and the stack's folder: docs/running.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/java-home.sh
lib=${LOCAL_STACK_LIB:-${LOCAL_STACK_DIR:-$root/.local-stack}/lib}
main=local-stack/target/classes/com/eventshop/localstack/supervisor/Main.class

# Builds the supervisor, the services' jars and the broker's jars when missing or older
# than their sources.
build_if_needed() {
  local name jar stale=""
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

# Runs the supervisor in place of this (sub)shell. ${1+"$@"}: no arguments, even in bash 3.2.
supervisor() {
  exec java -Deventshop.root="$root" -cp local-stack/target/classes com.eventshop.localstack.supervisor.Main ${1+"$@"}
}

case ${1:-} in
  up)
    build_if_needed
    # In the background, so that this shell takes Ctrl-C (and SIGTERM) and hands it on: the
    # supervisor then stops everything in order.
    supervisor "$@" &
    pid=$!
    trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" || true; exit 130' INT TERM HUP
    wait "$pid"
    ;;
  start | restart) build_if_needed; supervisor "$@" ;;
  # The rest (help and a wrong command too) needs only the supervisor's classes.
  *) [ -f $main ] || build_if_needed; supervisor ${1+"$@"} ;;
esac
