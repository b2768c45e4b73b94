// The operator desk: the edge's aggregate, live (/console/ops/api/desk/stream, a new
// picture whenever something changed; asked for every few seconds only if the stream
// fails), and the dead-letter actions passed on to the service that owns the records.
import { getJson, postJson, el, table, show, showIfChanged, time, number, say, follow } from './ops-http.js';

const REFRESH_MS = 3000;
const selected = new Set();
let lastDesk = null;

const key = (letter) => `${letter.service}|${letter.topic}|${letter.partition}|${letter.offset}`;

function shown(desk) {
  lastDesk = desk;
  render(desk);
  document.getElementById('refreshed').textContent = time(desk.at);
}

async function refresh() {
  try {
    shown(await getJson('/console/ops/api/desk'));
  } catch (error) {
    say(error.status === 403 ? 'This desk is for operators: sign in as one.' : `Could not load the desk: ${error.message}`, true);
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

function letters(desk) {
  return desk.services.flatMap((s) => (s.deadLetters || []).map((letter) => ({ ...letter, service: s.service })));
}

function render(desk) {
  const consumers = desk.services.flatMap((s) => s.consumers.map((c) => [s.service, c.group, number(c.handled),
    c.handledPerSecond === null ? '—' : number(c.handledPerSecond, 1), number(c.failures), number(c.deadLetters),
    c.lag === null ? '—' : number(c.lag)]));
  show(document.getElementById('consumers'), table('Per consumer group',
    ['Service', 'Group', 'Handled', 'Handled/s', 'Failures', 'Dead letters', 'Lag'], consumers, 'No consumer groups reported.'));

  const filter = document.getElementById('status-filter').value;
  const shown = letters(desk).filter((l) => !filter || l.status === filter);
  const present = new Set(shown.map(key));
  for (const k of [...selected]) if (!present.has(k)) selected.delete(k);
  showIfChanged(document.getElementById('dead-letters'), shown, () => table(`${shown.length} dead letters`,
    ['Select', 'Service', 'Group', 'Type', 'Reason', 'Failure', 'Dead-lettered', 'Status', 'Payload'],
    shown.map((l) => {
      const id = `select-${key(l).replace(/[^A-Za-z0-9]/g, '-')}`;
      const box = el('input', { type: 'checkbox', id, 'data-key': key(l), checked: selected.has(key(l)),
        onchange: (event) => (event.target.checked ? selected.add(key(l)) : selected.delete(key(l))) });
      return [
        el('span', {}, box, el('label', { for: id, class: 'sr-only' }, `Select ${l.type || 'record'} ${l.eventId || l.offset}`)),
        l.service, l.group, l.type || '—', l.reason || '—',
        `${(l.failureClass || '').split('.').pop()} ${l.failureMessage || ''}`.trim() || '—',
        time(l.deadLetteredAt), l.status,
        el('details', {}, el('summary', {}, 'Preview'), el('pre', {}, l.payloadPreview || '')),
      ];
    }), filter ? `No ${filter.toLowerCase()} dead letters.` : 'No dead letters.'));

  const audit = desk.services.flatMap((s) => (s.actions || []).map((a) => ({ ...a, service: s.service })))
    .sort((a, b) => String(b.acted_at).localeCompare(String(a.acted_at)));
  showIfChanged(document.getElementById('audit'), audit, () => table('Replays and parks, newest first',
    ['When', 'Service', 'Group', 'Action', 'By', 'Note', 'Record'],
    audit.map((a) => [time(a.acted_at), a.service, a.consumer, a.action, a.actor, a.note || '',
      `${a.dlt_topic}/${a.dlt_partition}@${a.dlt_offset}`]), 'Nothing replayed or parked yet.'));

  const unexpected = desk.services.flatMap((s) => (s.unexpected || []).map((u) => ({ ...u, service: s.service })));
  showIfChanged(document.getElementById('unexpected'), unexpected, () => table('Events that found an unexpected state',
    ['When', 'Service', 'Group', 'Type', 'Order', 'State', 'Note'],
    unexpected.map((u) => [time(u.recorded_at), u.service, u.consumer, u.event_type, u.subject, u.state, u.note || '']),
    'No unexpected events.'));

  const stuck = desk.services.flatMap((s) => (s.stuckOrders || []).map((o) => ({ ...o, service: s.service })));
  show(document.getElementById('stuck'), table('Orders in an unfinished status for longer than the service\'s bound',
    ['Service', 'Status', 'Stuck orders', 'Oldest in status (s)'],
    stuck.map((o) => [o.service, o.status, number(o.stuck), number(o.oldestAgeSeconds, 0)]), 'No stuck-order figures.'));

  show(document.getElementById('outbox'), table('Outbox per service',
    ['Service', 'Waiting', 'Oldest waiting (s)', 'Parked'],
    desk.services.filter((s) => s.outbox).map((s) => [s.service, number(s.outbox.backlog),
      number(s.outbox.oldestAgeSeconds, 1), number(s.outbox.parked)]), 'No outbox figures.'));
  const parked = desk.services.flatMap((s) => (s.parkedOutbox || []).map((r) => ({ ...r, service: s.service })));
  show(document.getElementById('parked-outbox'), parked.length === 0 ? [] : table('Parked outbox rows',
    ['Service', 'Type', 'Key', 'Parked', 'Attempts', 'Reason'],
    parked.map((r) => [r.service, r.eventType, r.recordKey, time(r.parkedAt), r.attempts, r.parkReason]), ''));

  const down = desk.services.filter((s) => s.problem);
  show(document.getElementById('services'), down.length === 0 ? el('p', { class: 'ok' }, 'Every service answered.')
    : el('ul', {}, down.map((s) => el('li', { class: 'error' }, `${s.service}: ${s.problem}`))));
}

function selection() {
  const byService = new Map();
  for (const letter of letters(lastDesk || { services: [] })) {
    if (!selected.has(key(letter))) continue;
    if (!byService.has(letter.service)) byService.set(letter.service, []);
    byService.get(letter.service).push({ topic: letter.topic, partition: letter.partition, offset: letter.offset });
  }
  return byService;
}

async function act(action, bodyFor, services) {
  if (services.size === 0) {
    say('Select at least one dead letter first.', true);
    return;
  }
  try {
    let count = 0;
    for (const [service, records] of services) {
      const answer = await postJson(`/console/ops/api/dead-letters/${service}/${action}`, bodyFor(records));
      count += Object.values(answer || {}).reduce((a, b) => a + Number(b), 0);
    }
    selected.clear();
    say(`${action === 'park' ? 'Parked' : 'Replayed'} ${count} dead letter${count === 1 ? '' : 's'}.`);
  } catch (error) {
    say(`Could not ${action}: ${error.message}`, true);
  }
}

document.getElementById('replay-selected').addEventListener('click', () => act('replay', (records) => ({ records }), selection()));
document.getElementById('park-selected').addEventListener('click', () => {
  const note = document.getElementById('park-note').value.trim();
  if (!note) {
    say('Say why in the note before parking.', true);
    document.getElementById('park-note').focus();
    return;
  }
  act('park', (records) => ({ records, note }), selection());
});
document.getElementById('replay-all').addEventListener('click', () => {
  const services = new Map(lastDesk.services.filter((s) => (s.deadLetters || []).some((l) => l.status === 'NEW'))
    .map((s) => [s.service, []]));
  if (services.size === 0) {
    say('No new dead letters to replay.');
    return;
  }
  act('replay', () => ({ all: true }), services);
});
document.getElementById('status-filter').addEventListener('change', () => lastDesk && render(lastDesk));
follow('/console/ops/api/desk/stream', 'desk', shown, refresh);
