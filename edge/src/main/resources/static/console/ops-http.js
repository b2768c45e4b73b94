// The operator pages' helpers: calls to the edge that carry the CSRF token (Spring
// Security's XSRF-TOKEN cookie, sent back as X-XSRF-TOKEN), and small DOM builders that
// never put text into HTML (everything goes in as textContent).

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  return answer(response);
}

export async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer(response);
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { detail: text };
  }
  if (!response.ok) {
    const error = new Error((body && (body.detail || body.title)) || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

/** An element with attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.substring(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table with a caption, header cells with scope, and one row per item. */
export function table(caption, headings, rows, emptyText) {
  if (rows.length === 0) {
    return el('p', { class: 'empty' }, emptyText);
  }
  return el('div', { class: 'scroll' },
    el('table', {},
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c)))))));
}

const shown = new WeakMap();

/**
 * Replaces what a container shows only when the data behind it changed, so that a poll
 * does not take away the focus, a ticked box or an open preview from the person using it.
 */
export function showIfChanged(container, data, build) {
  const signature = JSON.stringify(data);
  if (shown.get(container) === signature) return;
  shown.set(container, signature);
  show(container, build());
}

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat());
}

export function time(value) {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—';
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Says something to screen readers and sighted users alike, in the page's status line. */
export function say(message, isError = false) {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = message;
  status.classList.toggle('error', isError);
}

const GIVE_UP_AFTER = 3;

/**
 * Follows one of the edge's live streams: calls onSnapshot with each named event's data,
 * and shows the stream's state ("live", "reconnecting…") in the element #live. The
 * browser reconnects by itself; when the edge refuses the stream (403, 404, 503) or it
 * fails three times without a snapshot in between, it is closed and fallback() is called
 * once: the page then asks on its own, and says why if it is refused.
 */
export function follow(url, eventName, onSnapshot, fallback) {
  const state = document.getElementById('live');
  const tell = (text) => { if (state) state.textContent = text; };
  let failures = 0;
  const stream = new EventSource(url);
  tell('connecting…');
  stream.addEventListener(eventName, (message) => {
    failures = 0;
    tell('live');
    onSnapshot(JSON.parse(message.data));
  });
  stream.addEventListener('error', () => {
    failures += 1;
    if (stream.readyState === EventSource.CLOSED || failures >= GIVE_UP_AFTER) {
      stream.close();
      tell('polling');
      fallback();
    } else {
      tell('reconnecting…');
    }
  });
  return stream;
}
