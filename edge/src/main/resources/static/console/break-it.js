// The break-it panel: the local stack's processes (kill -9, restart), poison for the
// dead-letter desk, a load at a chosen rate, and the load's accounting, live
// (/console/ops/api/break-it/stream; asked for every two seconds only if the stream fails).
import { getJson, postJson, el, table, show, showIfChanged, time, number, say, follow } from './ops-http.js';

const REFRESH_MS = 2000;

async function refresh() {
  try {
    render(await getJson('/console/ops/api/break-it'));
  } catch (error) {
    if (error.status === 404) {
      say('The break-it panel works only on a stack run on this machine: scripts/local-stack.sh up', true);
      document.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      return;
    }
    say(error.status === 403 ? 'The break-it panel is for operators: sign in as one.' : `Could not load: ${error.message}`, true);
  }
  setTimeout(refresh, REFRESH_MS);
}

function card(label, value, id, bad = false) {
  return el('div', { class: 'card' }, el('div', { class: `figure${bad ? ' error' : ''}`, id, 'data-testid': id }, value),
    el('div', { class: 'label' }, label));
}

function render(panel) {
  const load = panel.load;
  if (load) {
    const settled = !load.running && load.open === 0;
    const stalled = !load.running && load.stalled;
    show(document.getElementById('accounting'),
      card('state', load.running ? `running at ${number(load.rate, 1)}/s` : (settled ? 'settled' : (stalled ? 'stalled' : 'settling')), 'load-state'),
      card('accepted', number(load.accepted), 'accepted'),
      card('refused (503 or down)', number(load.refused), 'refused'),
      card('completed', number(load.completed), 'completed'),
      card(settled || stalled || load.running ? 'missing' : 'open (settling)', number(load.running ? 0 : load.open), 'missing', stalled),
      card('in flight', number(load.running ? load.open : 0), 'in-flight'),
      card('duplicated', number(load.duplicated), 'duplicated', load.duplicated > 0),
      card('stock conserved', load.stockConserved === null ? '…' : (load.stockConserved ? 'yes' : 'NO'), 'stock-conserved',
        load.stockConserved === false));
  } else {
    show(document.getElementById('accounting'), el('p', { class: 'empty' }, 'No load started yet.'));
  }
  showIfChanged(document.getElementById('processes'), [panel.processes, panel.breakable], () => table('The local stack', ['Process', 'State', 'Actions'],
    Object.entries(panel.processes).map(([name, state]) => [name, state,
      panel.breakable.includes(name)
        ? el('span', { class: 'actions' },
          el('button', { type: 'button', class: 'danger', 'data-kill': name, onclick: () => act(name, 'kill') }, `Kill ${name}`),
          el('button', { type: 'button', class: 'secondary', 'data-restart': name, onclick: () => act(name, 'restart') }, `Restart ${name}`))
        : 'not offered here']), 'The stack reports no processes.'));
  showIfChanged(document.getElementById('actions'), panel.actions, () => table('Newest first', ['When', 'What', 'Outcome'],
    panel.actions.map((a) => [time(a.at), `${a.command} ${a.name}`, a.outcome || 'running…']), 'Nothing yet.'));
}

async function act(name, command) {
  try {
    await postJson(`/console/ops/api/break-it/processes/${name}/${command}`);
    say(`${command === 'kill' ? 'Killing' : 'Restarting'} ${name}.`);
  } catch (error) {
    say(`Could not ${command} ${name}: ${error.message}`, true);
  }
}

document.getElementById('inject-poison').addEventListener('click', async () => {
  try {
    await postJson('/console/ops/api/break-it/poison');
    say('Injecting a poison record into shop.orders.v1.');
  } catch (error) {
    say(`Could not inject poison: ${error.message}`, true);
  }
});
document.getElementById('load-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const rate = document.getElementById('rate').value;
  try {
    await postJson(`/console/ops/api/break-it/load?rate=${encodeURIComponent(rate)}`);
    say(`Load started at ${rate} orders per second.`);
  } catch (error) {
    say(`Could not start the load: ${error.message}`, true);
  }
});
document.getElementById('stop-load').addEventListener('click', async () => {
  try {
    await postJson('/console/ops/api/break-it/load/stop');
    say('Load stopping; the accounting settles once every order is final.');
  } catch (error) {
    say(`Could not stop the load: ${error.message}`, true);
  }
});
follow('/console/ops/api/break-it/stream', 'panel', render, refresh);
