// The analytics dashboard's "Rebuild from history" section: starts a rebuild of the read
// model (POST /api/admin/projections/rebuild, operators only), after a confirmation in
// the page, and follows the latest rebuild (GET, newest first) until it has swapped or
// failed. State changes are announced in the section's live region; the figures of the
// run are in a list beside it.
import { getJson, postJson, el, show, number, time } from './ops-http.js';

const PATH = '/api/admin/projections/rebuild';
const POLL_MS = 1000;

const STATES = {
  RUNNING: 'Running',
  SWAPPED: 'Finished: the rebuilt figures serve',
  FAILED: 'Failed: the live figures are unchanged',
};

const start = document.getElementById('rebuild-start');
const confirmation = document.getElementById('rebuild-confirm');
const yes = document.getElementById('rebuild-confirm-yes');
const cancel = document.getElementById('rebuild-cancel');
const title = document.getElementById('rebuild-title');
const status = document.getElementById('rebuild-status');
const progress = document.getElementById('rebuild-progress');

let polling = null;
let lastState = null;
let onSwapped = () => {};

function announce(message, isError = false) {
  status.textContent = message;
  status.classList.toggle('error', isError);
}

function elapsed(from, to) {
  const seconds = Math.max(0, Math.round((to - from) / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function fact(term, value, id) {
  return [el('dt', {}, term), el('dd', { 'data-testid': id }, value)];
}

function render(run) {
  const started = new Date(run.startedAt);
  const ended = run.finishedAt ? new Date(run.finishedAt) : new Date();
  const handled = run.historySize > 0 ? `${number(run.recordsRead)} of ${number(run.historySize)}` : number(run.recordsRead);
  show(progress,
    fact('Rebuild', `#${run.id}`, 'rebuild-id'),
    fact('State', STATES[run.state] || run.state, 'rebuild-state'),
    fact('Events handled', handled, 'rebuild-handled'),
    fact('Events applied', number(run.eventsApplied), 'rebuild-applied'),
    fact('Events skipped', number(run.recordsSkipped), 'rebuild-skipped'),
    fact('Events per second', number(run.eventsPerSecond, 1), 'rebuild-rate'),
    fact('Started', time(run.startedAt), 'rebuild-started'),
    fact('Elapsed', elapsed(started, ended), 'rebuild-elapsed'),
    run.state === 'SWAPPED' ? fact('Swapped', time(run.finishedAt), 'rebuild-finished') : [],
    run.state === 'FAILED' ? fact('Failed', time(run.finishedAt), 'rebuild-finished') : [],
    run.error ? fact('Reason', run.error, 'rebuild-error') : []);
}

/** Shows a run; announces it when its state changed; keeps following it while it runs. */
function follow(run, announceState = true) {
  render(run);
  const running = run.state === 'RUNNING';
  start.disabled = running;
  if (run.state !== lastState && announceState) {
    if (running) announce(`Rebuild #${run.id} is running.`);
    else if (run.state === 'SWAPPED') announce(`Rebuild #${run.id} finished; the figures above are reloaded.`);
    else announce(`Rebuild #${run.id} failed: ${run.error || 'no reason given'}`, true);
  }
  if (lastState === 'RUNNING' && run.state === 'SWAPPED') onSwapped();
  lastState = run.state;
  clearTimeout(polling);
  polling = running ? setTimeout(poll, POLL_MS) : null;
}

async function poll(announceState = true) {
  try {
    const latest = (await getJson(PATH)).rebuilds[0];
    if (latest) follow(latest, announceState);
    else show(progress, fact('Last rebuild', 'none yet', 'rebuild-state'));
  } catch (error) {
    refused(error);
  }
}

function refused(error) {
  clearTimeout(polling);
  if (error.status === 403) {
    start.disabled = true;
    announce('Rebuilding is for operators: sign in as one.', true);
  } else {
    announce(`Could not reach the rebuild: ${error.message}. Trying again.`, true);
    polling = setTimeout(poll, POLL_MS * 5);
  }
}

function ask(open) {
  confirmation.hidden = !open;
  start.setAttribute('aria-expanded', String(open));
  (open ? yes : start).focus();
}

async function rebuild() {
  confirmation.hidden = true;
  start.setAttribute('aria-expanded', 'false');
  start.disabled = true;
  announce('Starting the rebuild…');
  try {
    follow(await postJson(PATH));
  } catch (error) {
    if (error.status !== 409) {
      start.disabled = false;
      refused(error);
      return;
    }
    announce('A rebuild is already running; showing its progress instead of starting another.');
    lastState = 'RUNNING';
    await poll(false);
  }
  // the button is off while the rebuild runs: the section's heading keeps the focus
  title.focus();
}

/** Wires the section; {@code swapped} runs when a rebuild followed here has swapped. */
export function watchRebuild(swapped) {
  onSwapped = swapped;
  start.addEventListener('click', () => ask(true));
  cancel.addEventListener('click', () => ask(false));
  yes.addEventListener('click', rebuild);
  confirmation.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') ask(false);
  });
  poll(false);
}
