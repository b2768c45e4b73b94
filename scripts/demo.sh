#!/usr/bin/env bash
# Places a few orders on a running EventShop (scripts/local-stack.sh up) and tells each one's
# journey as the services saw it: the order's status history, the e-mails sent for it (and
# whether they reached the mailbox), its shipment and the stock it touched; then the
# analytics summary.
#
#   1. Ada orders mugs and a T-shirt: confirmed, then shipped.
#   2. Grace orders 50 desk lamps, of which 5 are in stock: rejected.
#   3. Hedy orders a cap and cancels right away: cancelled.
#
# Settings (environment, all optional): ORDER_PORT INVENTORY_PORT EMAIL_PORT SHIPPING_PORT
# ANALYTICS_PORT (8081 to 8085), GREENMAIL_API_PORT (8025), DEMO_TIMEOUT (longest wait for
# the orders to settle, 90 s), DEMO_QUIET (stop waiting once nothing changed for this long,
# 15 s). Needs curl and jq (installed with apt-get when missing and run as root). Works on
# the Docker demo too (same ports; the mailbox is then Mailpit's).
set -euo pipefail

order_url=http://127.0.0.1:${ORDER_PORT:-8081}
inventory_url=http://127.0.0.1:${INVENTORY_PORT:-8082}
email_url=http://127.0.0.1:${EMAIL_PORT:-8083}
shipping_url=http://127.0.0.1:${SHIPPING_PORT:-8084}
analytics_url=http://127.0.0.1:${ANALYTICS_PORT:-8085}
mail_url=http://127.0.0.1:${GREENMAIL_API_PORT:-8025}
timeout=${DEMO_TIMEOUT:-90}
quiet=${DEMO_QUIET:-15}

die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

if ! command -v jq >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "demo: installing jq (apt-get install jq)"
		(apt-get install -y -qq jq >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq jq; }) >/dev/null \
			|| die "could not install jq; install it and run again"
	else
		die "needs jq: install it (Debian/Ubuntu: sudo apt-get install jq; macOS: brew install jq) and run again"
	fi
fi
curl -fs --max-time 3 "$order_url/actuator/health" >/dev/null \
	|| die "EventShop does not answer on $order_url; start it first: scripts/local-stack.sh up"

# api METHOD URL [JSON]: sets $code and $body.
api() {
	local out
	# An unreachable server answers "000", like curl's own code for it.
	if [ $# -ge 3 ]; then
		out=$(curl -s --max-time 10 -X "$1" -H 'Content-Type: application/json' -d "$3" -w '\n%{http_code}' "$2") || true
	else
		out=$(curl -s --max-time 10 -X "$1" -w '\n%{http_code}' "$2") || true
	fi
	[ -n "$out" ] || out=$'\n000'
	code=${out##*$'\n'}
	body=${out%$'\n'*}
}
json_or() { if jq -e . >/dev/null 2>&1 <<<"$1"; then printf '%s' "$1"; else printf '%s' "$2"; fi; }
problem() { jq -r '.detail // .title // "no detail"' 2>/dev/null <<<"$1" || printf '%s' "$1"; }
# Subjects of the mail an address received: GreenMail's API (the local stack), or Mailpit's
# (docker compose) when GreenMail's is not there.
inbox_subjects() {
	api GET "$mail_url/api/user/$1/messages/INBOX"
	if [ "$code" = 200 ]; then
		jq -c 'map(.subject)' <<<"$body"
		return
	fi
	api GET "$mail_url/api/v1/search?query=to%3A$(jq -rn --arg a "$1" '$a | @uri')"
	if [ "$code" = 200 ]; then
		jq -c '[.messages[]?.Subject]' <<<"$body" 2>/dev/null || echo '[]'
		return
	fi
	echo '[]'
}
rule() { printf '\n━━━ %s %s\n' "$1" "$(printf '━%.0s' $(seq 1 $((72 - ${#1}))))"; }

skus=(MUG-001 TEE-002 LMP-009 CAP-003)
declare -A stock_before
for sku in "${skus[@]}"; do
	api GET "$inventory_url/api/stock/$sku"
	stock_before[$sku]=$(json_or "$body" '{}')
done

labels=() ids=() emails=() expected=()
place() { # label email expected-status customer-json lines-json
	local label=$1 email=$2 expect=$3 request
	request=$(jq -n --argjson customer "$4" --argjson lines "$5" '{customer: $customer, lines: $lines,
		shippingAddress: {line1: "1 Demo Street", city: "London", postalCode: "SW1Y 4JH", country: "GB"}}')
	api POST "$order_url/api/orders" "$request"
	printf '  %s\n' "$label"
	if [ "$code" != 201 ]; then
		printf '     ✗ not accepted: HTTP %s, %s\n' "$code" "$(problem "$body")"
		return
	fi
	local id
	id=$(jq -r .id <<<"$body")
	printf '     → accepted as order %s (%s, total %s %s)\n' "$id" "$(jq -r .status <<<"$body")" \
		"$(jq -r .total <<<"$body")" "$(jq -r .currency <<<"$body")"
	labels+=("$label") ids+=("$id") emails+=("$email") expected+=("$expect")
}

echo "EventShop demo: three customers, three orders"
echo
place "1. Ada orders 2 enamel mugs and a T-shirt; it should be confirmed, then shipped" ada@example.com SHIPPED \
	'{"id": "ada", "name": "Ada Lovelace", "email": "ada@example.com"}' \
	'[{"sku": "MUG-001", "quantity": 2}, {"sku": "TEE-002", "quantity": 1}]'
place "2. Grace orders 50 desk lamps, but only a few are in stock; it should be rejected" grace@example.com REJECTED \
	'{"id": "grace", "name": "Grace Hopper", "email": "grace@example.com"}' \
	'[{"sku": "LMP-009", "quantity": 50}]'
place "3. Hedy orders a cap and cancels at once; it should be cancelled" hedy@example.com CANCELLED \
	'{"id": "hedy", "name": "Hedy Lamarr", "email": "hedy@example.com"}' \
	'[{"sku": "CAP-003", "quantity": 1}]'
if [ ${#ids[@]} -eq 3 ]; then
	api POST "$order_url/api/orders/${ids[2]}/cancel"
	case $code in
		2??) printf '     → cancellation accepted (HTTP %s)\n' "$code" ;;
		*) printf '     → cancellation refused: HTTP %s, %s\n' "$code" "$(problem "$body")" ;;
	esac
fi
[ ${#ids[@]} -gt 0 ] || die "no order was accepted"

# What a person would watch: statuses, e-mails and shipments. Waits until every order ended
# as expected with its e-mails sent, until nothing changed for $quiet s, or $timeout s.
snapshot() {
	local i id
	for i in "${!ids[@]}"; do
		id=${ids[$i]}
		curl -s --max-time 5 "$order_url/api/orders/$id" | jq -r '.status' 2>/dev/null || true
		curl -s --max-time 5 "$email_url/api/emails?orderId=$id" | jq -c '[.[] | [.kind, .status]]' 2>/dev/null || true
		curl -s --max-time 5 "$shipping_url/api/shipments/$id" | jq -r '.status // "none"' 2>/dev/null || true
	done
}
settled() {
	local i id
	for i in "${!ids[@]}"; do
		id=${ids[$i]}
		[ "$(curl -s --max-time 5 "$order_url/api/orders/$id" | jq -r .status)" = "${expected[$i]}" ] || return 1
		curl -s --max-time 5 "$email_url/api/emails?orderId=$id" \
			| jq -e 'length > 0 and all(.[]; .status == "SENT")' >/dev/null || return 1
	done
}
printf '\nWaiting for the services to handle the orders (at most %s s)...' "$timeout"
start=$(date +%s) last_change=$start last=""
while true; do
	now=$(date +%s)
	current=$(snapshot)
	if [ "$current" != "$last" ]; then
		last=$current last_change=$now
	fi
	if settled; then
		# The last e-mail may follow the last status change by a moment.
		sleep 1
		[ "$(snapshot)" = "$current" ] && break
		continue
	fi
	if [ $((now - last_change)) -ge "$quiet" ] || [ $((now - start)) -ge "$timeout" ]; then
		break
	fi
	sleep 0.5
done
printf ' done after %s s.\n' "$(($(date +%s) - start))"

as_expected=0
for i in "${!ids[@]}"; do
	id=${ids[$i]} email=${emails[$i]}
	rule "${labels[$i]%%;*}"
	api GET "$order_url/api/orders/$id"
	order=$body
	status=$(jq -r .status <<<"$order")
	if [ "$status" = "${expected[$i]}" ]; then
		verdict="as expected"
		as_expected=$((as_expected + 1))
	else
		verdict="expected ${expected[$i]}"
	fi
	printf 'Order %s   %s %s   now %s (%s)\n' "$id" "$(jq -r .total <<<"$order")" "$(jq -r .currency <<<"$order")" \
		"$status" "$verdict"
	jq -r '.lines[] | "    \(.quantity) × \(.productName) (\(.sku)) at \(.unitPrice) = \(.lineTotal)"' <<<"$order"

	echo "  Status history (UTC)"
	jq -r '.history[] | "    \(.at[11:] | sub("Z$"; "") | .[0:12])  \(.status)\(if .reason then "  (" + .reason + ")" else "" end)"' \
		<<<"$order"

	echo "  E-mails, as the email service sent them and as the mailbox of $email holds them"
	api GET "$email_url/api/emails?orderId=$id"
	sent=$(json_or "$body" '[]')
	subjects=$(inbox_subjects "$email")
	jq -r --argjson subjects "$subjects" '
		if type != "array" or length == 0 then "    none yet" else .[]
		| .subject as $subject
		| "    \(.kind)  \(.status)  \(if any($subjects[]; . == $subject) then "in the mailbox" else "not in the mailbox" end): \"\(.subject)\""
		end' <<<"$sent"

	echo "  Shipment"
	api GET "$shipping_url/api/shipments/$id"
	if [ "$code" = 200 ]; then
		jq -r '"    \(.status), \(.units) unit(s) to \(.recipient), \(.address.city) \(.address.country)\(if .trackingNumber then ", tracking number " + .trackingNumber else "" end)"' \
			<<<"$body"
	else
		printf '    none (%s)\n' "$(problem "$body")"
	fi

	echo "  Stock (available / reserved: before the demo → now)"
	for sku in $(jq -r '.lines[].sku' <<<"$order"); do
		api GET "$inventory_url/api/stock/$sku"
		before=${stock_before[$sku]:-}
		[ -n "$before" ] || before='{}'
		jq -r --argjson before "$before" --arg sku "$sku" \
			'"    \($sku)  \($before.available // "?") → \(.available)  /  \($before.reserved // "?") → \(.reserved)"' <<<"$body"
	done
done

rule "Analytics: orders placed in the last 24 hours (earlier runs included)"
api GET "$analytics_url/api/analytics/summary"
jq -r '
	"  orders placed: \(.placedOrders)",
	(.currencies[] | "  \(.currency): \(.placedOrders) placed worth \(.placedValue); \(.soldOrders) sold (confirmed or shipped, not cancelled): revenue \(.revenue), average order \(.averageOrderValue // "-")"),
	"  top SKUs by units sold:",
	(.topSkus[:5][] | "    \(.sku)  \(.units) units, \(.revenue) \(.currency)"),
	(if .outcomes then "  outcomes: " + (.outcomes | if type == "object" then (to_entries | map("\(.key) \(.value)") | join(", ")) else tostring end) else empty end)
' <<<"$body"

echo
echo "$as_expected of ${#ids[@]} orders ended as expected."
echo "Read the e-mails yourself: curl -s $mail_url/api/user/ada@example.com/messages/INBOX | jq -r '.[].mimeMessage'"
