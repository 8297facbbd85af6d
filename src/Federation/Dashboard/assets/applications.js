// Applications (replicas per member as stacked bars), migrations in flight, decision events, and
// one application's per-member Deployment status.
import { ago, appKey, byId, clock, el, patchRows, when } from './dom.js';
import { renderRollout } from './rollouts.js';

const Palette = ['#4c7bd9', '#2e9e6b', '#c2762b', '#8d5cc4', '#c44d6e', '#3c9fb0', '#7d8b2a', '#6b7280'];
const colours = new Map();

export function colourOf(member) {
  if (!colours.has(member)) {
    colours.set(member, Palette[colours.size % Palette.length]);
  }
  return colours.get(member);
}

function replicaStack(a) {
  const members = a.members.filter((m) => m.target > 0 || m.ready > 0);
  const targets = members.reduce((s, m) => s + m.target, 0);
  const desired = Math.max(a.replicas, targets);
  const denominator = Math.max(1, desired, members.reduce((s, m) => s + Math.max(m.target, m.ready), 0));
  const label = `${a.readyReplicas} of ${desired} ready; ` + members.map((m) => `${m.cluster} ${m.ready} of ${m.target}`).join(', ');
  return [
    el('div', { class: 'num', testid: `app-ready-${appKey(a)}` }, `${a.readyReplicas} / ${desired}`),
    el('div', { class: 'stack', role: 'img', 'aria-label': label },
      members.map((m) => {
        const width = Math.max(m.target, m.ready) / denominator;
        const fill = Math.max(m.target, m.ready) > 0 ? m.ready / Math.max(m.target, m.ready) : 0;
        // An unreachable member's figures are its last report: drawn faded, labelled as such.
      return el('div', { class: m.reachable ? 'seg' : 'seg stale', title: `${m.cluster}: ${m.ready} ready of ${m.target}${m.reachable ? '' : ' (unreachable, last known)'}`, style: { width: `${(width * 100).toFixed(2)}%` } },
          el('div', { class: 'fill', style: { width: `${(fill * 100).toFixed(1)}%`, background: colourOf(m.cluster) } }));
      })),
    el('ul', { class: 'legend' }, members.map((m) => el('li', {},
      el('span', { class: 'swatch', style: { background: colourOf(m.cluster) } }), `${m.cluster} ${m.ready}/${m.target}${m.reachable ? '' : ' unreachable'}`))),
  ];
}

export function renderApplications(apps, selected, openApplication) {
  byId('applications-count').textContent = `(${apps.length})`;
  byId('applications-empty').hidden = apps.length > 0;
  patchRows(byId('applications-body'), apps, appKey, (a) => [
    {
      header: true,
      sig: [appKey(a), selected === appKey(a)],
      build: () => el('button', {
        type: 'button',
        class: 'linkish',
        'aria-label': `Show deployment status of ${appKey(a)}`,
        'aria-expanded': selected === appKey(a) ? 'true' : 'false',
        'aria-controls': 'application-detail',
        testid: `app-open-${appKey(a)}`,
        on: { click: () => openApplication(appKey(a)) },
      }, appKey(a)),
    },
    { sig: [a.replicas, a.readyReplicas, a.members.map((m) => [m.cluster, m.target, m.ready, m.reachable])], build: () => replicaStack(a) },
    { sig: [a.strategy, a.floor], build: () => [a.strategy, el('span', { class: 'sub' }, `floor ${a.floor}`)] },
    { class: 'num', sig: [a.shortfall], build: () => (a.shortfall > 0 ? el('span', { class: 'stuck' }, String(a.shortfall)) : '0') },
    { sig: [a.conditions], build: () => conditionChips(a.conditions) },
  ], (a) => `app-${appKey(a)}`);
}

// Progressing=False is the steady state, not a fault: only a missing Available or Scheduled is red.
const conditionClass = (c) => (c.status ? 'ok' : ['Available', 'Scheduled'].includes(c.type) ? 'bad' : 'neutral');

function conditionChips(conditions) {
  return (conditions || []).map((c) => el('span', {
    class: `cond ${conditionClass(c)}`,
    title: `${c.reason}: ${c.message}`,
  }, `${c.type}${c.status ? '' : ': False'}`));
}

// ---- migrations ----
// Blocked (e.g. WaitingForCapacity) says what the replicas wait for; stuck says a step made no progress.
const stuckOrBlocked = (m) => m.stuckReason || (m.blocked ? `${m.blocked}: ${m.blockedMessage}` : null);

export function renderMigrations(apps) {
  const moving = apps.filter((a) => a.migration);
  byId('migrations-empty').hidden = moving.length > 0;
  patchRows(byId('migrations-body'), moving, appKey, (a) => {
    const m = a.migration;
    return [
      { header: true, sig: [appKey(a), m.id], build: () => [appKey(a), el('span', { class: 'sub' }, m.reason)] },
      { sig: [m.sources, m.targets], build: () => `${m.sources.join(', ') || '—'} → ${m.targets.join(', ') || '—'}` },
      { class: 'num', sig: [m.moved, m.remaining], build: () => `${m.moved} / ${m.remaining}` },
      { class: 'num', sig: [m.step, m.stepStartedAt], build: () => [String(m.step), el('span', { class: 'sub' }, `since ${clock(m.stepStartedAt)}`)] },
      { sig: [m.startedAt, ago(m.startedAt)], build: () => [when(m.startedAt), el('span', { class: 'sub' }, ago(m.startedAt))] },
      { class: 'reason', sig: [m.stuckReason, m.blocked, m.blockedMessage], build: () => (stuckOrBlocked(m) ? el('span', { class: 'stuck' }, stuckOrBlocked(m)) : '—') },
    ];
  }, (a) => `migration-${appKey(a)}`);
}

// ---- events ----
export function renderEvents(events) {
  byId('events-empty').hidden = events.length > 0;
  const seen = new Map();
  const keyed = events.map((e) => {
    const base = `${e.time}|${e.kind}|${e.application || ''}|${e.cluster || ''}|${e.message}`;
    const n = seen.get(base) || 0;
    seen.set(base, n + 1);
    return { e, key: `${base}#${n}` };
  });
  patchRows(byId('events-body'), keyed, (x) => x.key, ({ e }) => [
    { sig: [e.time], build: () => when(e.time) },
    { sig: [e.kind, e.reason], build: () => [e.kind, e.reason && e.reason !== e.kind ? el('span', { class: 'sub' }, e.reason) : null] },
    { sig: [e.application, e.cluster], build: () => e.application || (e.cluster ? [e.cluster, el('span', { class: 'sub' }, 'member')] : '—') },
    { sig: [e.from], build: () => e.from || '—' },
    { sig: [e.to], build: () => e.to || '—' },
    { class: 'num', sig: [e.replicas], build: () => String(e.replicas) },
    { sig: [e.message], build: () => e.message },
  ], () => 'event');
}

export function renderDetail(selected, a) {
  byId('detail-name').textContent = selected;
  if (!a) {
    byId('detail-facts').textContent = 'This application no longer exists.';
    byId('detail-body').replaceChildren();
    byId('detail-conditions').replaceChildren();
    byId('detail-migration').textContent = '';
    byId('detail-excluded').replaceChildren();
    renderRollout(null);
    return;
  }
  renderRollout(a);
  byId('detail-facts').textContent =
    `${a.strategy} · ${a.replicas} replicas · floor ${a.floor} · ${a.readyReplicas} ready · shortfall ${a.shortfall} · generation ${a.generation}`;
  patchRows(byId('detail-body'), a.members, (m) => m.cluster, (m) => [
    { header: true, sig: [m.cluster], build: () => m.cluster },
    { class: 'num', sig: [m.target], build: () => String(m.target) },
    { class: 'num', sig: [m.applied], build: () => String(m.applied) },
    { class: 'num', sig: [m.replicas], build: () => String(m.replicas) },
    { class: 'num', sig: [m.ready], build: () => String(m.ready) },
    { class: 'num', sig: [m.available], build: () => String(m.available) },
    { class: 'num', sig: [m.updated], build: () => String(m.updated) },
    { sig: [m.reachable], build: () => (m.reachable ? 'yes' : el('span', { class: 'stuck' }, 'no')) },
    { sig: [m.observedAt], build: () => when(m.observedAt) },
  ], (m) => `detail-row-${m.cluster}`);
  byId('detail-conditions').replaceChildren(...(a.conditions || []).map((c) =>
    el('li', {}, el('span', { class: `cond ${conditionClass(c)}` }, `${c.type}: ${c.status ? 'True' : 'False'}`), ` ${c.reason} — ${c.message}`)));
  const m = a.migration;
  byId('detail-migration').replaceChildren(m
    ? `${m.reason}: ${m.sources.join(', ')} → ${m.targets.join(', ')}, ${m.moved} moved, ${m.remaining} remaining, step ${m.step}, started ${clock(m.startedAt)}${m.stuckReason ? ` — stuck: ${m.stuckReason}` : ''}${m.blocked ? ` — ${stuckOrBlocked(m)}; would unblock: ${m.unblock}` : ''}`
    : 'None in flight.');
  const excluded = Object.entries(a.excludedClusters || {});
  byId('detail-excluded').replaceChildren(...(excluded.length
    ? excluded.map(([member, why]) => el('li', {}, `${member}: ${why}`))
    : [el('li', {}, 'None.')]));
}
