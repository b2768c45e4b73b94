// An order's journey, live: the edge streams the journey (server-sent events) whenever
// it changes, and this page redraws the timeline, e-mails, shipment and events from it.
import { api, el, header, me, problemText, say, time } from "/console/console.js";

const STEPS = {
  PENDING: "Placed",
  CONFIRMED: "Stock reserved, order confirmed",
  REJECTED: "Rejected: stock could not be reserved",
  CANCELLATION_REQUESTED: "Cancellation requested",
  CANCELLED: "Cancelled",
  SHIPPED: "Shipped",
};

// which of the order service's events records which step (type names end in .vN)
const EVENT_STEP = [["placed", "PENDING"], ["confirmed", "CONFIRMED"], ["rejected", "REJECTED"],
  ["cancelled", "CANCELLED"], ["shipped", "SHIPPED"]];


const orderId = new URLSearchParams(window.location.search).get("order") ?? "";
let settings = {};
let stream;

function stepOf(type) {
  const found = EVENT_STEP.find(([word]) => type.includes(`.${word}.`));
  return found ? found[1] : null;
}

function eventFacts(event) {
  return el("dl", { class: "facts" },
    el("dt", {}, "event"), el("dd", {}, el("code", {}, event.type)),
    el("dt", {}, "event id"), el("dd", {}, el("code", { class: "id" }, event.eventId)),
    el("dt", {}, "caused by"), el("dd", {}, event.causationId ? el("code", { class: "id" }, event.causationId) : "—"));
}

function renderTimeline(journey) {
  const order = journey.order;
  const events = journey.events ?? [];
  const steps = (order.history ?? []).map((change) => ({
    at: change.at,
    status: change.status,
    title: change.note ? `${STEPS[change.status] ?? change.status} (${change.note})` : STEPS[change.status] ?? change.status,
    detail: change.reason,
    event: change.note ? null : events.find((event) => stepOf(event.type) === change.status),
  }));
  const shipment = journey.shipment;
  if (shipment && shipment.dispatchedAt) {
    steps.push({ at: shipment.dispatchedAt, status: "DISPATCHED", title: "Dispatched",
      detail: `${shipment.carrier ?? "carrier"}, tracking number ${shipment.trackingNumber}` });
  }
  steps.sort((a, b) => new Date(a.at) - new Date(b.at) || (a.status === "SHIPPED") - (b.status === "SHIPPED"));
  const list = document.getElementById("timeline");
  list.replaceChildren();
  for (const step of steps) {
    list.append(el("li", { class: step.status === "REJECTED" ? "bad" : "", "data-step": step.status },
      el("strong", {}, step.title), " ", el("span", { class: "when" }, time(step.at)),
      step.detail ? el("div", {}, step.detail) : null,
      step.event ? eventFacts(step.event) : null));
  }
}

function renderEmails(emails) {
  const rows = document.querySelector("#emails tbody");
  rows.replaceChildren();
  if (!emails || emails.length === 0) {
    rows.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "None yet.")));
    return;
  }
  for (const mail of emails) {
    const link = settings.mailboxUrl
      ? el("a", { href: settings.mailboxUrl.replace("{recipient}", encodeURIComponent(mail.recipient)),
        class: "read-mail", "aria-label": `Read "${mail.subject}" in the mailbox of ${mail.recipient}` }, "Read")
      : el("span", { class: "muted" }, "—");
    rows.append(el("tr", { "data-kind": mail.kind },
      el("td", {}, mail.subject), el("td", { class: mail.status === "SENT" ? "good" : "" }, mail.status),
      el("td", { class: "hide-narrow" }, time(mail.sentAt)), el("td", {}, link)));
  }
}

function renderShipment(shipment) {
  const facts = document.getElementById("shipment");
  facts.replaceChildren();
  if (!shipment) {
    facts.append(el("dt", {}, "status"), el("dd", { class: "muted" }, "not yet known to shipping"));
    return;
  }
  const rows = [["status", shipment.status], ["carrier", shipment.carrier], ["tracking number", shipment.trackingNumber],
    ["dispatched", time(shipment.dispatchedAt)], ["cancellation", shipment.cancellationOutcome]];
  for (const [name, value] of rows) {
    if (value) {
      facts.append(el("dt", {}, name), el("dd", { "data-fact": name }, value));
    }
  }
}

function renderEvents(events) {
  const rows = document.querySelector("#events tbody");
  rows.replaceChildren();
  for (const event of events ?? []) {
    rows.append(el("tr", {}, el("td", {}, el("code", {}, event.type)), el("td", {}, el("code", { class: "id" }, event.eventId)),
      el("td", {}, event.causationId ? el("code", { class: "id" }, event.causationId) : "—"), el("td", {}, time(event.occurredAt))));
  }
  const trace = document.getElementById("trace");
  const traced = (events ?? []).find((event) => event.traceId);
  trace.replaceChildren();
  if (settings.traceUrl && traced) {
    trace.append(el("a", { href: settings.traceUrl.replace("{traceId}", traced.traceId), id: "trace-link" },
      "See this order's trace across the services"));
  }
}

function render(journey) {
  if (!journey.order) {
    return; // the order service did not answer this time; the next round will tell
  }
  document.getElementById("journey").hidden = false;
  const status = journey.order.status;
  const badge = document.getElementById("order-status");
  badge.textContent = status;
  badge.dataset.status = status;
  // the button stays: asking to cancel a shipped order shows the saga's answer (409), not a guess
  renderTimeline(journey);
  renderEmails(journey.emails);
  renderShipment(journey.shipment);
  renderEvents(journey.events);
}

function watch() {
  const live = document.getElementById("live");
  stream = new EventSource(`/console/orders/${encodeURIComponent(orderId)}/journey`);
  stream.addEventListener("open", () => { live.textContent = "(live)"; });
  stream.addEventListener("journey", (message) => render(JSON.parse(message.data)));
  stream.addEventListener("missing", () => {
    stream.close();
    document.getElementById("journey").hidden = true;
    say(document.getElementById("message"), `Order ${orderId} not found.`, "bad");
  });
  stream.addEventListener("end", () => {
    stream.close();
    live.textContent = "(settled)";
  });
  stream.addEventListener("error", () => {
    if (stream.readyState !== EventSource.CLOSED) {
      live.textContent = "(reconnecting…)";
    }
  });
}

async function cancel() {
  const answer = await api(`/api/orders/${encodeURIComponent(orderId)}/cancel`, { method: "POST" });
  const target = document.getElementById("cancel-answer");
  if (answer.status === 200) {
    say(target, "Cancelled: the stock is released and nothing will be shipped.", "good");
  } else if (answer.status === 202) {
    say(target, "Cancellation requested: the parcel may already be on its way; shipping decides, and this page shows "
      + "whether the order ends cancelled or shipped.", "");
  } else {
    say(target, problemText(answer), "bad");
  }
  if (stream && stream.readyState === EventSource.CLOSED) {
    watch();
  }
}

async function start() {
  header("");
  settings = await me();
  if (!/^[0-9a-fA-F-]{36}$/.test(orderId)) {
    say(document.getElementById("message"), `Order ${orderId} not found.`, "bad");
    return;
  }
  document.getElementById("order-id").textContent = orderId;
  document.getElementById("cancel").addEventListener("click", cancel);
  watch();
}

start();
