#!/bin/bash
# Container health check of an EventShop service: healthy while its readiness probe,
# /actuator/health/readiness, answers "UP": the database answers, Kafka was reachable at
# its last background check (every 5 s), every listener container runs, and the oldest
# unpublished outbox row is younger than eventshop.messaging.outbox.max-unpublished-age
# (60 s). Plain bash, so the JRE image needs no curl.
# HEALTHCHECK_PORT is set in the image to the service's default port.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${HEALTHCHECK_PORT:-8080}"
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
response=$(timeout 4 cat <&3)
case $response in
	"HTTP/1.1 200"*'"status":"UP"'*) exit 0 ;;
	*) echo "${response%%$'\r'*}"; exit 1 ;;
esac
