// The decommission report card: the chart of ready replicas against the floor (rendered by the host,
// the same SVG as the API's), live while a member drains and the latest report of the member chosen.
import { api } from './api.js';
import { byId, el } from './dom.js';

const RefreshMs = 1000;

let chosen = null; // the member the user picked; null follows the draining member
let shown = null; // { member, state, outcome } of what the card shows
let loading = false;

// Called with every snapshot: lists the members, follows a drain, reloads when the member's state
// changes. Nothing is asked for before a member drains or is chosen: most have no report (404).
export function renderReport(clusters) {
  const select = byId('report-member');
  const names = clusters.map((c) => c.name);
  const options = [...select.options].map((o) => o.value).filter((v) => v);
  if (options.join() !== names.join()) {
    select.replaceChildren(el('option', { value: '' }, 'Choose…'), ...names.map((n) => el('option', { value: n }, n)));
  }
  const draining = clusters.find((c) => c.state === 'Draining' || c.state === 'Retired');
  const member = [chosen, draining?.name, shown?.member].find((m) => m && names.includes(m));
  select.value = member || '';
  if (!member) {
    return;
  }
  const state = clusters.find((c) => c.name === member)?.state;
  if (!shown || shown.member !== member || shown.state !== state) {
    load(member, state);
  }
}

export function wireReport() {
  byId('report-member').addEventListener('change', (event) => {
    chosen = event.target.value || null;
    if (chosen) {
      load(chosen, shown?.member === chosen ? shown.state : undefined);
    }
  });
}

// Loads the member's latest report; one in progress is loaded again every second until it ends.
async function load(member, state) {
  if (loading) {
    return;
  }
  loading = true;
  shown = { member, state, outcome: 'Loading' };
  try {
    const path = `/api/v1/clusters/${encodeURIComponent(member)}/reports/latest`;
    const response = await api(path);
    if (response.status === 404) {
      shown = { member, state, outcome: 'None' };
      byId('report-summary').textContent = `${member} has not been drained or retired.`;
      byId('report-chart').replaceChildren();
      return;
    }
    if (!response.ok) {
      return;
    }
    const report = await response.json();
    const chart = await api(`${path}?format=svg`);
    const svg = new DOMParser().parseFromString(await chart.text(), 'image/svg+xml').documentElement;
    shown = { member, state, outcome: report.outcome };
    byId('report-summary').textContent = summary(report);
    byId('report-chart').replaceChildren(document.importNode(svg, true));
  } catch {
    // Tried again below.
  } finally {
    loading = false;
  }
  if (shown.member === member && (shown.outcome === 'InProgress' || shown.outcome === 'Loading')) {
    setTimeout(() => {
      if (shown.member === member) {
        load(member, shown.state);
      }
    }, RefreshMs);
  }
}

function summary(r) {
  const verb = r.action === 'retire' ? 'Retirement' : 'Drain';
  const s = r.summary;
  const state = r.outcome === 'InProgress' ? 'in progress' : r.outcome === 'Completed' ? `completed in ${s.durationSeconds} s` : `stopped after ${s.durationSeconds} s`;
  const floor = s.floorHeld ? 'every application stayed at or above its floor' : 'an application went below its floor';
  return `${verb} of ${r.member} ${state}: ${s.applications} application(s), ${s.replicasMoved} replica(s) moved; lowest ready in total ${s.lowestReady} against a floor of ${s.floor}; ${floor}; ${s.hookCalls} hook call(s), ${s.hookFailures} failed.`;
}
