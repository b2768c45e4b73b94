// EventShop console: what every page shares. A fetch helper that sends the CSRF token
// (Spring Security's XSRF-TOKEN cookie, sent back as X-XSRF-TOKEN), the navigation bar
// (built from NAV: a page more is an entry more), who is signed in, and small helpers.

/** The console's pages, in the order the navigation shows them. */
export const NAV = [
  { href: "/console/index.html", label: "Shop" },
  { href: "/console/orders.html", label: "My orders" },
  { href: "/console/operator.html", label: "Operator desk", operator: true },
  { href: "/console/analytics.html", label: "Analytics", operator: true },
  { href: "/console/break-it.html", label: "Break it", operator: true },
];

function cookie(name) {
  const prefix = name + "=";
  const found = document.cookie.split(";").map((c) => c.trim()).find((c) => c.startsWith(prefix));
  return found ? decodeURIComponent(found.substring(prefix.length)) : null;
}

/**
 * Calls the API through the gateway as the signed-in user. Resolves to
 * { status, ok, body, headers }; the body is parsed JSON (a problem detail on errors) or text.
 */
export async function api(path, { method = "GET", body, headers = {} } = {}) {
  const sent = { Accept: "application/json, application/problem+json", ...headers };
  if (method !== "GET" && method !== "HEAD") {
    const token = cookie("XSRF-TOKEN");
    if (token) {
      sent["X-XSRF-TOKEN"] = token;
    }
  }
  if (body !== undefined) {
    sent["Content-Type"] = "application/json";
  }
  const response = await fetch(path, {
    method,
    headers: sent,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await response.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, ok: response.ok, body: parsed, headers: response.headers };
}

/** A problem detail (RFC 9457) or any failed answer, in words for people. */
export function problemText(answer) {
  const body = answer.body;
  if (body && typeof body === "object" && (body.detail || body.title)) {
    return `${body.title ?? "Error"} (${answer.status}): ${body.detail ?? ""}`.trim();
  }
  return `The server answered ${answer.status}.`;
}

let who;

/** Who is signed in: { id, name, operator, traceUrl, mailboxUrl }. */
export async function me() {
  if (!who) {
    const answer = await api("/console/me");
    who = answer.ok ? answer.body : { id: "", name: "", operator: false };
  }
  return who;
}

/** Builds the header: brand, navigation (the current page marked), user and sign-out. */
export async function header(current) {
  const bar = document.querySelector("header.bar");
  bar.replaceChildren();
  bar.append(el("span", { class: "brand" }, "EventShop"));
  const user = await me();
  const list = el("ul");
  // the operator's pages are linked for operators only (their data calls refuse others)
  for (const page of NAV.filter((entry) => !entry.operator || user.operator)) {
    const link = el("a", { href: page.href }, page.label);
    if (page.href === current) {
      link.setAttribute("aria-current", "page");
    }
    list.append(el("li", {}, link));
  }
  bar.append(el("nav", { "aria-label": "Console" }, list));
  bar.append(el("span", { class: "who", id: "who" }, user.name ? `Signed in as ${user.name}` : ""));
  // a POST with the CSRF header, like every other change; the gateway's session ends
  const logout = el("button", { type: "button", class: "secondary", id: "sign-out" }, "Sign out");
  logout.addEventListener("click", async () => {
    await fetch("/logout", { method: "POST", headers: { "X-XSRF-TOKEN": cookie("XSRF-TOKEN") ?? "" },
      redirect: "manual", credentials: "same-origin" });
    window.location.assign("/");
  });
  bar.append(logout);
}

/** Creates an element with attributes and children (strings become text, never HTML). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** Money as the API writes it (a decimal string) in the customer's locale. */
export function money(amount, currency) {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A time stamp, readable, to the second. */
export function time(instant) {
  return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : "";
}

/** Shows a message in a live region, so that screen readers announce it. */
export function say(target, text, kind = "") {
  target.className = `message ${kind}`.trim();
  target.textContent = text;
  target.hidden = !text;
}
