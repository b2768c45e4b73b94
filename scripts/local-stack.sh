#!/usr/bin/env bash
# The whole of EventShop on this machine, without Docker: a Kafka broker (KRaft), an SMTP
# server whose mail can be read (GreenMail), and the five services, each its own JVM.
#
#   scripts/local-stack.sh up       build what is missing, start everything, wait until all is
#                                   healthy, then stay in the foreground: Ctrl-C stops it all
#   scripts/local-stack.sh start    the same, but return once healthy
#   scripts/local-stack.sh stop     stop everything the stack started
#   scripts/local-stack.sh status   what runs
#   scripts/local-stack.sh topics | events TOPIC | groups
#                                   Kafka's own tools on the stack's broker: list the topics,
#                                   print a topic's records with their headers, show the
#                                   consumer groups with their lag
#
# Needs a JDK >= 21 (scripts/java-home.sh finds one) and a local PostgreSQL, made ready by
# scripts/postgres-ready.sh. Everything the stack keeps is under .local-stack/ (ignored by
# git): the broker's data (formatted once, so a restart keeps every topic), logs/<name>.log,
# pids/<name>.pid, the broker and GreenMail jars (lib/), and the generated admin password.
#
# The services are configured only through environment variables, the same contract as
# docker-compose.yml. Settings (environment, all optional):
#   ORDER_PORT INVENTORY_PORT EMAIL_PORT SHIPPING_PORT ANALYTICS_PORT   8081 to 8085
#   KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), MAIL_PORT (SMTP, 3025),
#   GREENMAIL_API_PORT (8025), EMAIL_SMTP_PORT (where email-service sends, MAIL_PORT),
#   EVENTSHOP_ADMIN_USER (admin), EVENTSHOP_ADMIN_PASSWORD
#   (generated once into .local-stack/admin-password), EVENTSHOP_DB_HOST/PORT/ADMIN_USER/
#   ADMIN_PASSWORD (see postgres-ready.sh), LOCAL_STACK_DB_PREFIX (put before every database
#   and login name, for a stack beside another on one PostgreSQL), LOCAL_STACK_DIR
#   (.local-stack), LOCAL_STACK_LIB (jars of the broker and GreenMail; .local-stack/lib),
#   LOCAL_STACK_JAVA_OPTS (JVM options of the services), LOCAL_STACK_TIMEOUT (seconds to wait
#   for health, 300).
#
# Written for bash 3.2 and later (macOS included): no associative arrays.
#
# Processes are only ever stopped by the PID this script recorded, and only after checking
# that the PID still belongs to a process it started (a marker on the command line).
set -euo pipefail
# Never fails: while stopping, the terminal may be gone (a closed window, a dead pipe).
say() { printf 'local-stack: %s\n' "$*" 2>/dev/null || true; }
die() { printf 'local-stack: %s\n' "$*" >&2 2>/dev/null || true; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

stack_dir=${LOCAL_STACK_DIR:-$root/.local-stack}
mkdir -p "$stack_dir"
stack_dir=$(cd "$stack_dir" && pwd)
lib_dir=${LOCAL_STACK_LIB:-$stack_dir/lib}
logs=$stack_dir/logs
pids=$stack_dir/pids
mkdir -p "$logs" "$pids"

# The services: name (the module is <name>-service; its variables start with the name in
# upper case: ORDER_PORT, ORDER_DB_URL, ...), default port (server.port), database and login.
service_table='
order      8081  orders
inventory  8082  inventory
email      8083  email
shipping   8084  shipping
analytics  8085  analytics
'
services=$(printf '%s' "$service_table" | awk 'NF {print $1}' | tr '\n' ' ')
service_field() { printf '%s' "$service_table" | awk -v name="$1" -v field="$2" '$1 == name {print $field}'; }
variable_prefix() { printf '%s' "$1" | tr '[:lower:]' '[:upper:]'; }
db_prefix=${LOCAL_STACK_DB_PREFIX:-}
[[ $db_prefix =~ ^[a-z0-9_]*$ ]] || die "LOCAL_STACK_DB_PREFIX may hold only a-z, 0-9 and _"
database() { printf '%s%s' "$db_prefix" "$(service_field "$1" 3)"; }

kafka_port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-9093}
smtp_port=${MAIL_PORT:-3025}
mail_api_port=${GREENMAIL_API_PORT:-8025}
db_host=${EVENTSHOP_DB_HOST:-127.0.0.1}
db_port=${EVENTSHOP_DB_PORT:-5432}
admin_user=${EVENTSHOP_ADMIN_USER:-admin}
timeout=${LOCAL_STACK_TIMEOUT:-300}
# A demo stack on a laptop: small heaps, and the quick C1 compiler only, which starts five
# JVMs on two cores in about half the time and is plenty for a handful of orders.
java_opts=${LOCAL_STACK_JAVA_OPTS:--Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError}

port_of() { local var; var=$(variable_prefix "$1")_PORT; printf '%s' "${!var:-$(service_field "$1" 2)}"; }
jar_of() { ls "$root/$1-service/target/$1-service-"*-exec.jar 2>/dev/null | head -n 1 || true; }

# Every process carries -Deventshop.local-stack=<name>@<stack dir>, so a recorded PID is only
# signalled while it is still the process the stack started (PIDs get reused).
marker() { printf -- '-Deventshop.local-stack=%s@%s' "$1" "$stack_dir"; }

command_line() {
	if [ -r "/proc/$1/cmdline" ]; then tr '\0' ' ' <"/proc/$1/cmdline"; else ps -o args= -p "$1" 2>/dev/null || true; fi
}

# Prints the PID of a running process of ours called $1; fails when there is none.
running_pid() {
	local file=$pids/$1.pid pid
	[ -s "$file" ] || return 1
	pid=$(cat "$file")
	case $(command_line "$pid") in
		*"$(marker "$1") "*) printf '%s' "$pid" ;;
		*) return 1 ;;
	esac
}

# Starts "$@" as process $1 in its own session (so a Ctrl-C in the terminal reaches this
# script only, which then stops everything in order), output to logs/$1.log.
launch() {
	local name=$1
	shift
	mkdir -p "$logs" "$pids"
	[ -f "$logs/$name.log" ] && mv -f "$logs/$name.log" "$logs/$name.log.1"
	rm -f "$pids/$name.pid"
	local detach=""
	command -v setsid >/dev/null 2>&1 && detach=setsid
	# The process writes its own PID, then becomes the JVM: right even when setsid forks.
	$detach bash -c 'echo $$ >"$0"; exec "$@"' "$pids/$name.pid" "$@" </dev/null >"$logs/$name.log" 2>&1 &
	for _ in $(seq 1 50); do
		[ -s "$pids/$name.pid" ] && return 0
		sleep 0.1
	done
	die "$name did not start; see $logs/$name.log"
}

stop_all() {
	local name pid waiting=()
	# Tells a foreground 'up' that these exits are intended.
	mkdir -p "$stack_dir" && : >"$stack_dir/stopping"
	# Services first (they flush their outboxes and leave their consumer groups), then the
	# mail server and the broker they use.
	for group in "$services" greenmail kafka; do
		waiting=()
		for name in $group; do
			if pid=$(running_pid "$name"); then
				kill -TERM "$pid" 2>/dev/null || true
				waiting+=("$name:$pid")
			else
				rm -f "$pids/$name.pid"
			fi
		done
		for entry in ${waiting[@]+"${waiting[@]}"}; do
			name=${entry%%:*} pid=${entry#*:}
			for _ in $(seq 1 100); do
				running_pid "$name" >/dev/null || break
				sleep 0.2
			done
			if running_pid "$name" >/dev/null; then
				say "$name ($pid) did not stop within 20 s; killing it"
				kill -KILL "$pid" 2>/dev/null || true
			fi
			rm -f "$pids/$name.pid"
			say "stopped $name ($pid)"
		done
	done
	# Reap the children of this shell, so none lingers as a zombie.
	wait 2>/dev/null || true
	rm -f "$stack_dir/stopping"
}

status() {
	local any=1 name pid health
	for name in kafka greenmail $services; do
		if pid=$(running_pid "$name"); then
			any=0
			health=""
			case $name in
				kafka) health="localhost:$kafka_port" ;;
				greenmail) health="smtp localhost:$smtp_port, http://localhost:$mail_api_port" ;;
				*) health="http://localhost:$(port_of "$name") $(curl -s --max-time 2 "http://127.0.0.1:$(port_of "$name")/actuator/health/readiness" | tr -d '{}"' || true)" ;;
			esac
			printf '  %-10s running  pid %-7s %s\n' "$name" "$pid" "$health"
		else
			printf '  %-10s stopped\n' "$name"
		fi
	done
	return $any
}

build_if_needed() {
	local stale="" name jar
	for name in $services; do
		jar=$(jar_of "$name")
		if [ -z "$jar" ]; then
			stale="$name-service has no jar"
			break
		fi
		if [ -n "$(find "$name-service/src/main" "$name-service/pom.xml" common-events/src/main common-messaging/src/main pom.xml -newer "$jar" -print -quit)" ]; then
			stale="$name-service changed since its jar was built"
			break
		fi
	done
	if [ -z "$stale" ] && ! ls "$lib_dir"/kafka/kafka_2.13-*.jar "$lib_dir/greenmail/greenmail-standalone.jar" >/dev/null 2>&1; then
		stale="the broker and mail server jars are not in $lib_dir yet"
	elif [ -z "$stale" ] && [ -n "$(find local-stack/pom.xml pom.xml -newer "$lib_dir/kafka" -print -quit)" ]; then
		stale="the versions of the broker or mail server changed"
	fi
	[ -n "$stale" ] || return 0
	say "building ($stale): ./mvnw -B -q -Dmaven.test.skip=true package -pl local-stack -am"
	rm -rf "$lib_dir/kafka" "$lib_dir/greenmail"
	./mvnw -B -q -Dmaven.test.skip=true "-Dlocal-stack.lib=$lib_dir" package -pl local-stack -am
}

start_kafka() {
	local dir=$stack_dir/kafka
	mkdir -p "$dir/data"
	cat >"$dir/server.properties" <<EOF
# Written by scripts/local-stack.sh at every start; the data in data/ is kept.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
# One broker: internal topics cannot have more replicas than that.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# A topic that a consumer asks for before its publisher declared it gets the same partitions.
num.partitions=6
group.initial.rebalance.delay.ms=0
EOF
	local kafka_java=(java -Xms256m -Xmx512m "-Dlog4j2.configurationFile=$root/local-stack/conf/kafka-log4j2.properties"
		-cp "$lib_dir/kafka/*")
	if [ ! -s "$dir/data/meta.properties" ]; then
		[ -s "$dir/cluster-id" ] || "${kafka_java[@]}" kafka.tools.StorageTool random-uuid >"$dir/cluster-id"
		say "formatting the broker's storage in $dir/data (once)"
		"${kafka_java[@]}" kafka.tools.StorageTool format -t "$(cat "$dir/cluster-id")" -c "$dir/server.properties" \
			>"$logs/kafka-format.log" 2>&1 || die "formatting Kafka's storage failed; see $logs/kafka-format.log"
	fi
	launch kafka "${kafka_java[0]}" "$(marker kafka)" "${kafka_java[@]:1}" kafka.Kafka "$dir/server.properties"
}

start_greenmail() {
	launch greenmail java "$(marker greenmail)" -Xmx256m -Dgreenmail.smtp.hostname=127.0.0.1 \
		"-Dgreenmail.smtp.port=$smtp_port" -Dgreenmail.auth.disabled -Dgreenmail.api.hostname=127.0.0.1 \
		"-Dgreenmail.api.port=$mail_api_port" -jar "$lib_dir/greenmail/greenmail-standalone.jar"
}

# The whole configuration of a service: environment variables, as in docker-compose.yml.
start_service() {
	local name=$1 prefix db
	prefix=$(variable_prefix "$1") db=$(database "$1")
	local env=("${prefix}_DB_URL=jdbc:postgresql://$db_host:$db_port/$db" "${prefix}_DB_USER=$db"
		"${prefix}_DB_PASSWORD=$db" "${prefix}_PORT=$(port_of "$name")"
		"KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$kafka_port" "EVENTSHOP_ADMIN_USER=$admin_user"
		"EVENTSHOP_ADMIN_PASSWORD=$EVENTSHOP_ADMIN_PASSWORD")
	# EMAIL_SMTP_PORT points the e-mail service elsewhere than GreenMail's SMTP port, e.g. at
	# a proxy that the failure tests close to take the mail server away.
	[ "$name" = email ] && env+=("MAIL_HOST=127.0.0.1" "MAIL_PORT=${EMAIL_SMTP_PORT:-$smtp_port}")
	# A short warehouse delay keeps the demo brisk; set SHIPPING_WAREHOUSE_DELAY to change it.
	[ "$name" = shipping ] && env+=("SHIPPING_WAREHOUSE_DELAY=${SHIPPING_WAREHOUSE_DELAY:-2s}")
	# shellcheck disable=SC2086 # java_opts is a list of options
	launch "$name" env "${env[@]}" java "$(marker "$name")" $java_opts -jar "$(jar_of "$name")"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits until $2 succeeds, or fails when process $1 died or the time is up.
await() {
	local name=$1 check=$2 deadline=$(($(date +%s) + timeout))
	until $check; do
		if ! running_pid "$name" >/dev/null; then
			tail -n 40 "$logs/$name.log" >&2 || true
			say "$name exited while starting; its log is $logs/$name.log" >&2
			return 1
		fi
		if [ "$(date +%s)" -ge "$deadline" ]; then
			say "$name was not ready within $timeout s; its log is $logs/$name.log" >&2
			return 1
		fi
		sleep 0.5
	done
}

healthy() { curl -fs --max-time 2 "http://127.0.0.1:$(port_of "$1")/actuator/health" | grep -q '"status":"UP"'; }

admin_password() {
	if [ -n "${EVENTSHOP_ADMIN_PASSWORD:-}" ]; then
		admin_source="EVENTSHOP_ADMIN_PASSWORD (from your environment)"
		return
	fi
	if [ ! -s "$stack_dir/admin-password" ]; then
		(umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$stack_dir/admin-password")
	fi
	EVENTSHOP_ADMIN_PASSWORD=$(cat "$stack_dir/admin-password")
	admin_source="$stack_dir/admin-password (generated once; set EVENTSHOP_ADMIN_PASSWORD to choose one)"
}

banner() {
	local o i e s a
	o=$(port_of order) i=$(port_of inventory) e=$(port_of email) s=$(port_of shipping) a=$(port_of analytics)
	cat <<EOF

EventShop is running (started in $1 s)

  order       http://localhost:$o/api/orders   catalog: http://localhost:$o/api/products
  inventory   http://localhost:$i/api/stock
  email       http://localhost:$e/api/emails?orderId=...
  shipping    http://localhost:$s/api/shipments/{orderId}
  analytics   http://localhost:$a/api/analytics/summary
  e-mails     GreenMail, SMTP on localhost:$smtp_port; read them at
              http://localhost:$mail_api_port/api/user/{address}/messages/INBOX
  Kafka       localhost:$kafka_port (data in $stack_dir/kafka/data)
  metrics     http://localhost:$o/actuator/prometheus (and on every other service's port)
  logs        $logs/<name>.log

Admin login (dead letters under /api/admin/**, PUT /api/stock/{sku}): user '$admin_user',
password in $admin_source

Try it:
  curl -s localhost:$o/api/products
  curl -s localhost:$o/api/orders -H 'Content-Type: application/json' -d '{
    "customer": {"id": "c-1", "name": "Ada Lovelace", "email": "ada@example.com"},
    "lines": [{"sku": "MUG-001", "quantity": 2}],
    "shippingAddress": {"line1": "12 St James Square", "city": "London", "postalCode": "SW1Y 4JH", "country": "GB"}}'
  scripts/demo.sh        # a few orders and their journeys
EOF
}

start_all() {
	local name begin names=""
	begin=$(date +%s)
	for name in kafka greenmail $services; do
		if running_pid "$name" >/dev/null; then
			status || true
			die "the stack is already running (see above); stop it first: scripts/local-stack.sh stop"
		fi
	done
	for name in "KAFKA_PORT=$kafka_port" "KAFKA_CONTROLLER_PORT=$controller_port" "MAIL_PORT=$smtp_port" \
		"GREENMAIL_API_PORT=$mail_api_port" $(for s in $services; do printf '%s_PORT=%s ' "$(variable_prefix "$s")" "$(port_of "$s")"; done); do
		! port_open "${name#*=}" || die "port ${name#*=} is taken by another program; stop it, or choose another port with ${name%%=*}=..."
	done
	rm -f "$stack_dir/stopping"
	. scripts/java-home.sh
	build_if_needed
	bash scripts/postgres-ready.sh
	for name in $services; do
		bash scripts/service-db.sh "$(database "$name")" >/dev/null
		names="$names $(database "$name")"
	done
	say "databases and logins ready:$names"
	admin_password
	export EVENTSHOP_ADMIN_PASSWORD

	# From here on, a failure or a Ctrl-C stops whatever was started.
	trap 'trap - EXIT; trap "" PIPE; say ""; say "stopping"; stop_all; exit 130' INT TERM HUP PIPE
	trap 'status_code=$?; [ $status_code -eq 0 ] || { say "start failed; stopping what was started"; stop_all; }' EXIT
	start_kafka
	start_greenmail
	await kafka "port_open $kafka_port"
	say "Kafka is up on localhost:$kafka_port"
	await greenmail "port_open $mail_api_port"
	say "GreenMail is up: SMTP localhost:$smtp_port, API http://localhost:$mail_api_port"
	for name in $services; do
		start_service "$name"
	done
	say "services starting (logs in $logs); waiting until all are healthy"
	for name in $services; do
		await "$name" "healthy $name"
		say "$name is healthy on http://localhost:$(port_of "$name")"
	done
	trap - EXIT
	banner $(($(date +%s) - begin))
}

foreground() {
	echo
	echo "Stop with Ctrl-C (or scripts/local-stack.sh stop from another terminal)."
	local name gone all
	all=$(printf '%s' "kafka greenmail $services" | wc -w)
	while true; do
		# A short sleep in the background keeps the Ctrl-C trap responsive.
		sleep 2 &
		wait $! || true
		gone=0
		for name in kafka greenmail $services; do
			if ! running_pid "$name" >/dev/null; then
				gone=$((gone + 1))
				if [ -f "$pids/$name.pid" ] && [ ! -f "$stack_dir/stopping" ]; then
					say "$name exited on its own; see $logs/$name.log"
					rm -f "$pids/$name.pid"
				fi
			fi
		done
		if [ "$gone" -eq "$all" ]; then
			say "everything has stopped"
			wait 2>/dev/null || true
			exit 0
		fi
	done
}

kafka_tool() {
	. scripts/java-home.sh
	running_pid kafka >/dev/null || die "Kafka is not running; start the stack first: scripts/local-stack.sh up"
	exec java "-Dlog4j2.configurationFile=$root/local-stack/conf/kafka-log4j2.properties" -cp "$lib_dir/kafka/*" "$@" \
		--bootstrap-server "127.0.0.1:$kafka_port"
}

case ${1:-} in
	up)
		start_all
		foreground
		;;
	start)
		start_all
		echo
		echo "Stop it with: scripts/local-stack.sh stop"
		;;
	stop)
		stop_all
		;;
	status)
		status || say "nothing runs"
		;;
	topics)
		kafka_tool org.apache.kafka.tools.TopicCommand --list
		;;
	events)
		say "records of ${2:?usage: local-stack.sh events TOPIC} from the beginning, then new ones as they come (Ctrl-C to stop)"
		kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --topic "$2" --from-beginning \
			--formatter-property print.timestamp=true --formatter-property print.key=true \
			--formatter-property print.headers=true
		;;
	groups)
		kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --describe --all-groups
		;;
	*)
		sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
		exit 2
		;;
esac
