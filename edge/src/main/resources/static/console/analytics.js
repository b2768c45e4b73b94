// The analytics dashboard: the analytics service's summary and time series (through the
// gateway's /api/analytics routes), drawn as inline SVG bar charts by this module; each
// chart has a text alternative, and the figures are in tables too. The figures reload
// when a rebuild of the analytics read model, started or followed below them, has swapped.
import { getJson, el, table, show, number, say } from './ops-http.js';
import { watchRebuild } from './analytics-rebuild.js';

const SVG = 'http://www.w3.org/2000/svg';
const REFRESH_MS = 10000;

function svg(tag, attributes = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A bar chart of one figure per bucket; the bars are labelled for screen readers by the summary. */
function barChart(title, points, value, format) {
  const width = 720;
  const height = 220;
  const left = 48;
  const bottom = 28;
  const values = points.map(value);
  const max = Math.max(1, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label':
    `${title}: ${points.length} buckets, total ${format(total)}, highest ${format(Math.max(0, ...values))}` });
  chart.append(svg('title', {}, title));
  chart.append(svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#4a4a4a' }));
  chart.append(svg('text', { x: 2, y: 12 }, format(max)));
  chart.append(svg('text', { x: 2, y: height - bottom }, '0'));
  const slot = (width - left) / Math.max(1, points.length);
  points.forEach((point, i) => {
    const h = ((height - bottom - 16) * values[i]) / max;
    const bar = svg('rect', { x: left + i * slot + slot * 0.1, y: height - bottom - h, width: Math.max(1, slot * 0.8),
      height: h, fill: '#0b5394' });
    bar.append(svg('title', {}, `${new Date(point.start).toLocaleString()}: ${format(values[i])}`));
    chart.append(bar);
  });
  if (points.length > 0) {
    chart.append(svg('text', { x: left, y: height - 8 }, new Date(points[0].start).toLocaleTimeString()));
    chart.append(svg('text', { x: width - 90, y: height - 8 }, new Date(points[points.length - 1].start).toLocaleTimeString()));
  }
  return chart;
}

function card(label, value, id) {
  return el('div', { class: 'card' }, el('div', { class: 'figure', 'data-testid': id }, value), el('div', { class: 'label' }, label));
}

async function refresh() {
  const minutes = Number(document.getElementById('window').value);
  const to = new Date();
  const from = new Date(to.getTime() - minutes * 60000);
  const bucket = minutes <= 360 ? 'minute' : 'hour';
  const range = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  try {
    const [summary, series] = await Promise.all([
      getJson(`/api/analytics/summary?${range}`),
      getJson(`/api/analytics/timeseries?bucket=${bucket}&${range}`),
    ]);
    render(summary, series);
    say('');
  } catch (error) {
    say(error.status === 403 ? 'Analytics are for operators: sign in as one.' : `Could not load analytics: ${error.message}`, true);
  }
}

function render(summary, series) {
  const rejection = Number(summary.rejectionRate);
  show(document.getElementById('figures'),
    card('orders placed', number(summary.placedOrders), 'placed'),
    card('rejection rate', Number.isNaN(rejection) ? '—' : `${number(rejection * 100, 1)} %`, 'rejection-rate'),
    ...summary.currencies.map((c) => card(`revenue (${c.currency})`, number(c.revenue, 2), `revenue-${c.currency}`)));

  const currencies = [...new Set(series.points.map((p) => p.currency))];
  const byStart = new Map();
  for (const point of series.points) {
    const entry = byStart.get(point.start) || { start: point.start, placedOrders: 0 };
    entry.placedOrders += Number(point.placedOrders);
    byStart.set(point.start, entry);
  }
  const orders = [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start));
  show(document.getElementById('orders-chart'), orders.length === 0 ? el('p', { class: 'empty' }, 'No orders in this window.')
    : barChart(`Orders placed per ${series.bucket}`, orders, (p) => p.placedOrders, (v) => number(v)));
  show(document.getElementById('revenue-chart'), currencies.length === 0 ? el('p', { class: 'empty' }, 'No revenue in this window.')
    : currencies.map((currency) => barChart(`Revenue in ${currency} per ${series.bucket}`,
      series.points.filter((p) => p.currency === currency).sort((a, b) => a.start.localeCompare(b.start)),
      (p) => Number(p.revenue), (v) => number(v, 2))));

  const o = summary.outcomes;
  show(document.getElementById('outcomes'), table('Orders by outcome', ['Pending', 'Confirmed', 'Shipped', 'Rejected', 'Cancelled'],
    [[number(o.pending), number(o.confirmed), number(o.shipped), number(o.rejected), number(o.cancelled)]], ''));
  const d = (x) => [number(x.count), `${number(x.p50Ms)} ms`, `${number(x.p95Ms)} ms`, `${number(x.maxMs)} ms`];
  show(document.getElementById('durations'), table('Percentiles', ['Step', 'Orders', 'p50', 'p95', 'max'],
    [['placed → confirmed', ...d(summary.timeToConfirm)], ['placed → shipped', ...d(summary.timeToShip)]], ''));
  show(document.getElementById('top'), table('By units sold', ['SKU', 'Units', 'Revenue'],
    summary.topSkus.map((t) => [t.sku, number(t.units), `${number(t.revenue, 2)} ${t.currency}`]), 'Nothing sold in this window.'));
}

document.getElementById('window').addEventListener('change', refresh);
refresh();
setInterval(refresh, REFRESH_MS);
watchRebuild(refresh);
