#!/usr/bin/env bash
# Places a few orders on a running EventShop (scripts/local-stack.sh up) and tells each one's
# journey as the services saw it: the order's status history, the e-mails sent for it (and
# whether they reached the mailbox), its shipment and the stock it touched; then the
# analytics summary.
#
# Every call goes through the gateway (edge) with a token from the authorization server: Ada,
# Grace and Hedy sign in as people do (authorization code with PKCE, on the login form, as
# the public client eventshop-cli) and each sees only her own order; the analytics and
# the stock figures are read with the operator scripts' client credentials (operator-cli).
#
#   1. Ada orders mugs and a T-shirt: confirmed, then shipped.
#   2. Grace orders 50 desk lamps, of which 5 are in stock: rejected.
#   3. Hedy orders a cap and cancels right away: cancelled.
#
# Settings (environment, all optional): EDGE_PORT (8080), AUTH_PORT (9000), the demo users'
# passwords EVENTSHOP_DEMO_PASSWORD_ADA/_GRACE/_HEDY and EVENTSHOP_CLIENT_SECRET_OPERATOR_CLI
# (their demo defaults otherwise), GREENMAIL_API_PORT (8025), DEMO_TIMEOUT (longest wait for
# the orders to settle, 90 s), DEMO_QUIET (stop waiting once nothing changed for this long,
# 15 s). Needs curl, openssl and jq (jq installed with apt-get when missing and run as root).
# Works on the Docker demo too (same ports; the mailbox is then Mailpit's).
set -euo pipefail

gateway=http://127.0.0.1:${EDGE_PORT:-8080}
# the issuer's own name: tokens say "localhost", and the login's cookies belong to it
auth_url=http://localhost:${AUTH_PORT:-9000}
order_url=$gateway
inventory_url=$gateway
email_url=$gateway
shipping_url=$gateway
analytics_url=$gateway
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
curl -fs --max-time 3 "$gateway/actuator/health" >/dev/null \
  || die "EventShop's gateway does not answer on $gateway; start it first: scripts/local-stack.sh up"
curl -fs --max-time 3 "$auth_url/actuator/health" >/dev/null \
  || die "the authorization server does not answer on $auth_url; start it first: scripts/local-stack.sh up"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# login USER PASSWORD: prints an access token for a person, got the way a browser gets one:
# the authorization request with a PKCE challenge sends us to the login form; the form is
# posted with its CSRF token; the server sends us back to the authorization request, and
# from there to the (loopback) redirect URI with a code, which is exchanged with the verifier.
login() {
  local jar verifier challenge state redirect location csrf code
  jar=$(mktemp)
  verifier=$(head -c 48 /dev/urandom | b64url)
  challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)
  state=$(head -c 12 /dev/urandom | b64url)
  redirect=http://127.0.0.1/login/callback
  location=$(curl -s --max-time 10 -c "$jar" -b "$jar" -H 'Accept: text/html' -o /dev/null -w '%{redirect_url}' \
    "$auth_url/oauth2/authorize?response_type=code&client_id=eventshop-cli&scope=openid%20profile%20email&state=$state&code_challenge=$challenge&code_challenge_method=S256&redirect_uri=$(jq -rn --arg u "$redirect" '$u | @uri')")
  csrf=$(curl -s --max-time 10 -c "$jar" -b "$jar" -H 'Accept: text/html' "$location" \
    | sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n 1)
  location=$(curl -s --max-time 10 -c "$jar" -b "$jar" -H 'Accept: text/html' -o /dev/null -w '%{redirect_url}' \
    --data-urlencode "username=$1" --data-urlencode "password=$2" --data-urlencode "_csrf=$csrf" "$location")
  case $location in *'/login?error'* | '') rm -f "$jar"; die "the login of $1 was refused" ;; esac
  location=$(curl -s --max-time 10 -c "$jar" -b "$jar" -H 'Accept: text/html' -o /dev/null -w '%{redirect_url}' "$location")
  rm -f "$jar"
  case $location in "$redirect"*"state=$state"*) ;; *) die "no code for $1 (redirected to ${location:-nowhere})" ;; esac
  code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
  curl -s --max-time 10 -d grant_type=authorization_code -d client_id=eventshop-cli --data-urlencode "code=$code" \
    --data-urlencode "redirect_uri=$redirect" -d "code_verifier=$verifier" "$auth_url/oauth2/token" \
    | jq -er .access_token || die "the code exchange for $1 failed"
}
# client_token CLIENT SECRET: prints a machine client's access token (client credentials)
client_token() {
  curl -s --max-time 10 -u "$1:$2" -d grant_type=client_credentials "$auth_url/oauth2/token" \
    | jq -er .access_token || die "no token for the client $1"
}

declare -A tokens
tokens[ada]=$(login ada "${EVENTSHOP_DEMO_PASSWORD_ADA:-ada-demo}")
tokens[grace]=$(login grace "${EVENTSHOP_DEMO_PASSWORD_GRACE:-grace-demo}")
tokens[hedy]=$(login hedy "${EVENTSHOP_DEMO_PASSWORD_HEDY:-hedy-demo}")
tokens[operator]=$(client_token operator-cli "${EVENTSHOP_CLIENT_SECRET_OPERATOR_CLI:-operator-cli-demo-secret}")
as=operator

# api METHOD URL [JSON]: sets $code and $body; the caller is the one $as names.
api() {
  local out args=(-s --max-time 10 -X "$1")
  # the mail catcher is no part of the shop: no token for it
  case $2 in "$mail_url"*) ;; *) args+=(-H "Authorization: Bearer ${tokens[$as]}") ;; esac
  [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' -d "$3")
  # An unreachable server answers "000", like curl's own code for it.
  out=$(curl "${args[@]}" -w '\n%{http_code}' "$2") || true
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

labels=() ids=() emails=() expected=() owners=()
place() { # label email expected-status customer lines-json
  # The customer is whoever's token the order carries: no customer in the request.
  local label=$1 email=$2 expect=$3 request
  request=$(jq -n --argjson lines "$5" '{lines: $lines,
    shippingAddress: {line1: "1 Demo Street", city: "London", postalCode: "SW1Y 4JH", country: "GB"}}')
  as=$4
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
  labels+=("$label") ids+=("$id") emails+=("$email") expected+=("$expect") owners+=("$as")
}

echo "EventShop demo: three customers, three orders"
echo
place "1. Ada orders 2 enamel mugs and a T-shirt; it should be confirmed, then shipped" ada@eventshop.example SHIPPED \
  ada \
  '[{"sku": "MUG-001", "quantity": 2}, {"sku": "TEE-002", "quantity": 1}]'
place "2. Grace orders 50 desk lamps, but only a few are in stock; it should be rejected" grace@eventshop.example REJECTED \
  grace \
  '[{"sku": "LMP-009", "quantity": 50}]'
place "3. Hedy orders a cap and cancels at once; it should be cancelled" hedy@eventshop.example CANCELLED \
  hedy \
  '[{"sku": "CAP-003", "quantity": 1}]'
if [ ${#ids[@]} -eq 3 ]; then
  as=hedy
  api POST "$order_url/api/orders/${ids[2]}/cancel"
  case $code in
    2??) printf '     → cancellation accepted (HTTP %s)\n' "$code" ;;
    *) printf '     → cancellation refused: HTTP %s, %s\n' "$code" "$(problem "$body")" ;;
  esac
fi
[ ${#ids[@]} -gt 0 ] || die "no order was accepted"

# What a person would watch: statuses, e-mails and shipments. Waits until every order ended
# as expected with its e-mails sent, until nothing changed for $quiet s, or $timeout s.
# Each order is read with its owner's token: nobody else may see it.
snapshot() {
  local i id auth
  for i in "${!ids[@]}"; do
    id=${ids[$i]} auth="Authorization: Bearer ${tokens[${owners[$i]}]}"
    curl -s --max-time 5 -H "$auth" "$order_url/api/orders/$id" | jq -r '.status' 2>/dev/null || true
    curl -s --max-time 5 -H "$auth" "$email_url/api/emails?orderId=$id" | jq -c '[.[] | [.kind, .status]]' 2>/dev/null || true
    curl -s --max-time 5 -H "$auth" "$shipping_url/api/shipments/$id" | jq -r '.status // "none"' 2>/dev/null || true
  done
}
settled() {
  local i id auth
  for i in "${!ids[@]}"; do
    id=${ids[$i]} auth="Authorization: Bearer ${tokens[${owners[$i]}]}"
    [ "$(curl -s --max-time 5 -H "$auth" "$order_url/api/orders/$id" | jq -r .status)" = "${expected[$i]}" ] || return 1
    curl -s --max-time 5 -H "$auth" "$email_url/api/emails?orderId=$id" \
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
  id=${ids[$i]} email=${emails[$i]} as=${owners[$i]}
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
  as=operator
  for sku in $(jq -r '.lines[].sku' <<<"$order"); do
    api GET "$inventory_url/api/stock/$sku"
    before=${stock_before[$sku]:-}
    [ -n "$before" ] || before='{}'
    jq -r --argjson before "$before" --arg sku "$sku" \
      '"    \($sku)  \($before.available // "?") → \(.available)  /  \($before.reserved // "?") → \(.reserved)"' <<<"$body"
  done
done

rule "Analytics: orders placed in the last 24 hours (earlier runs included)"
as=operator
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
echo "Read the e-mails yourself: curl -s $mail_url/api/user/ada@eventshop.example/messages/INBOX | jq -r '.[].mimeMessage'"
