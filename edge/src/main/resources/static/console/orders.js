// "My orders": the signed-in customer's orders, newest first, each a link to its journey.
import { api, el, header, me, money, problemText, say, time } from "/console/console.js";

async function start() {
  header("/console/orders.html");
  // the order service wants the customer named, and answers only for the caller themself
  const user = await me();
  const answer = await api(`/api/orders?customerId=${encodeURIComponent(user.id)}&size=50`);
  const rows = document.querySelector("#orders tbody");
  if (!answer.ok) {
    say(document.getElementById("message"), problemText(answer), "bad");
    return;
  }
  const orders = answer.body.content ?? [];
  if (orders.length === 0) {
    rows.append(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "No orders yet.")));
  }
  for (const order of orders) {
    rows.append(el("tr", { "data-order": order.id },
      el("td", {}, el("a", { href: `/console/journey.html?order=${order.id}`, class: "id",
        "aria-label": `Order ${order.id}` }, order.id.substring(0, 8))),
      el("td", {}, time(order.placedAt)),
      el("td", {}, el("span", { class: "status" }, order.status)),
      el("td", {}, money(order.total, order.currency))));
  }
}

start();
