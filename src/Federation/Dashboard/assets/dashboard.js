// Federation fleet dashboard: reads /api/v1/stream (Server-Sent Events) and renders the fleet.
// No framework and no build step. Rows are patched in place, cell by cell, so that a button a
// keyboard user has focused survives the next update.
import { api, token } from './api.js';
import { appKey, byId, clock, held } from './dom.js';
import { colourOf, renderApplications, renderDetail, renderEvents, renderMigrations } from './applications.js';
import { renderDrains, renderMembers, Verbs } from './members.js';
import { renderLosses } from './losses.js';
import { renderReport, wireReport } from './report.js';
import { wireRollout } from './rollouts.js';

const ReconnectMs = 2000;

// ---- state ----
let snapshot = null;
let first = true;
let selected = null;
const drains = new Map(); // member -> { peak, requested, pending, reported }
const lastStates = new Map();

function announce(text, error = false) {
  const status = byId('live-status');
  status.classList.toggle('error', error);
  status.textContent = text;
}

// ---- one application's deployment status ----
async function openApplication(key) {
  selected = key;
  const panel = byId('application-detail');
  panel.hidden = false;
  showDetail();
  if (snapshot) {
    renderApplications(snapshot.applications, selected, openApplication);
  }
  panel.focus();
  // Fresh figures at once, rather than waiting for the next change on the stream.
  const [ns, name] = key.split('/');
  try {
    const response = await api(`/api/v1/namespaces/${encodeURIComponent(ns)}/applications/${encodeURIComponent(name)}`);
    if (response.ok && selected === key) {
      showDetail(await response.json());
    }
  } catch {
    // The stream will bring it.
  }
}

// Shows the selected application: fresh figures from the API, or those of the last snapshot.
function showDetail(fresh) {
  if (selected) {
    renderDetail(selected, fresh || snapshot?.applications.find((x) => appKey(x) === selected));
  }
}

function closeApplication() {
  const key = selected;
  selected = null;
  byId('application-detail').hidden = true;
  if (snapshot) {
    renderApplications(snapshot.applications, selected, openApplication);
  }
  document.querySelector(`[data-testid="app-open-${CSS.escape(key || '')}"]`)?.focus();
}

// ---- actions ----
function confirmAction(name, action) {
  const dialog = byId('confirm-dialog');
  const verb = Verbs[action];
  byId('confirm-heading').textContent = `${verb.label} ${name}?`;
  byId('confirm-text').textContent = verb.text(name);
  const button = byId('confirm-action');
  button.textContent = `${verb.label} ${name}`;
  button.setAttribute('aria-label', `${verb.label} ${name} now`);
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.showModal();
  });
}

async function act(name, action) {
  if (!(await confirmAction(name, action))) {
    announce(`${Verbs[action].label} of ${name} cancelled.`);
    return;
  }
  if (action === 'drain' || action === 'retire') {
    drains.set(name, { peak: 0, requested: true, pending: true });
  }
  try {
    const response = await api(`/api/v1/clusters/${encodeURIComponent(name)}/${action}`, { method: 'POST' });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      drains.delete(name);
      announce(`${Verbs[action].label} of ${name} failed: ${problem.detail || problem.title || response.status}`, true);
      return;
    }
    const view = await response.json();
    const entry = drains.get(name);
    if (entry) {
      entry.peak = Math.max(entry.peak, held(view));
      delete entry.pending;
    }
    announce(`${Verbs[action].label} of ${name} requested; ${name} is now ${view.state}.`);
  } catch (e) {
    drains.delete(name);
    announce(`${Verbs[action].label} of ${name} failed: ${e.message}`, true);
  }
}

// ---- the stream ----
function render(next) {
  snapshot = next;
  const clusters = next.clusters || [];
  const apps = next.applications || [];
  clusters.forEach((c) => colourOf(c.name));
  if (!first) {
    const changes = clusters.filter((c) => lastStates.has(c.name) && lastStates.get(c.name) !== c.state);
    if (changes.length > 0) {
      announce(changes.map((c) => `${c.name} is now ${c.state}.`).join(' '));
    }
  }
  clusters.forEach((c) => lastStates.set(c.name, c.state));
  renderMembers(clusters, act);
  renderDrains(clusters, drains, first, announce);
  renderReport(clusters);
  renderApplications(apps, selected, openApplication);
  renderMigrations(apps);
  renderLosses(next.losses);
  renderEvents(next.events || []);
  showDetail();
  byId('updated').textContent = `updated ${clock(new Date().toISOString())}`;
  first = false;
}

function setConnection(state, text) {
  byId('connection').dataset.state = state;
  byId('connection-text').textContent = text;
  byId('disconnected-banner').hidden = state !== 'down';
}

let source = null;
function connect() {
  const url = token() ? `/api/v1/stream?access_token=${encodeURIComponent(token())}` : '/api/v1/stream';
  source = new EventSource(url);
  source.addEventListener('open', () => setConnection('live', 'Live'));
  source.addEventListener('snapshot', (event) => {
    setConnection('live', 'Live');
    render(JSON.parse(event.data));
  });
  source.addEventListener('problem', (event) => {
    setConnection('down', 'Host not answering');
    byId('disconnected-detail').textContent = `The host did not answer: ${JSON.parse(event.data).message}`;
  });
  source.addEventListener('error', () => {
    setConnection('down', 'Disconnected — retrying');
    byId('disconnected-detail').textContent = 'The live stream dropped; the figures below may be stale.';
    if (source.readyState === EventSource.CLOSED) {
      // The browser gives up on a refused or non-stream answer (e.g. 401); keep trying ourselves.
      source.close();
      explainRefusal();
      setTimeout(connect, ReconnectMs);
    }
  });
}

async function explainRefusal() {
  try {
    const response = await api('/api/v1/stream', { method: 'GET', headers: { Accept: 'text/event-stream' }, signal: AbortSignal.timeout(3000) });
    if (response.status === 401 || response.status === 403) {
      byId('disconnected-detail').textContent = 'The host refused the token. Open the page with ?token=<your token>.';
    }
    response.body?.cancel();
  } catch {
    // Still down; the banner says so.
  }
}

byId('detail-close').addEventListener('click', closeApplication);
wireRollout(() => selected, announce);
wireReport();
connect();
