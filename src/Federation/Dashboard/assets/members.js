// The members table (state, probe, capacity, labels, actions) and drain/retire progress.
import { bar, byId, clock, cores, el, future, gib, held, patchRows, when } from './dom.js';

export const Verbs = {
  cordon: { label: 'Cordon', text: (n) => `${n} keeps its replicas but receives no new ones.` },
  uncordon: { label: 'Uncordon', text: (n) => `${n} becomes Ready and can receive replicas again.` },
  drain: { label: 'Drain', text: (n) => `The replicas on ${n} move to other members step by step; no application drops below its availability floor. ${n} receives no new replicas.` },
  retire: { label: 'Retire', text: (n) => `${n} is emptied like a drain and is then no longer scheduled; it can be unjoined afterwards.` },
};
export const DisabledIn = { cordon: 'Cordoned', uncordon: 'Ready', drain: 'Draining', retire: 'Retired' };

export function renderMembers(clusters, act) {
  byId('members-count').textContent = `(${clusters.length})`;
  byId('members-empty').hidden = clusters.length > 0;
  patchRows(byId('members-body'), clusters, (c) => c.name, (c) => {
    const cap = c.capacity;
    const labels = c.labels || {};
    const total = held(c);
    const ready = (c.workloads || []).reduce((s, w) => s + w.ready, 0);
    return [
      { header: true, sig: [c.name, c.server], build: () => [el('span', {}, c.name), el('span', { class: 'sub' }, c.server)] },
      {
        testid: `member-state-${c.name}`,
        sig: [c.state, c.stateSince, c.maintenanceUntil, future(c.heldDownUntil) ? c.heldDownUntil : null, c.lastProbeError],
        build: () => [
          el('span', { class: `state state-${c.state}`, testid: `member-state-badge-${c.name}` }, c.state),
          el('span', { class: 'sub' }, `since ${clock(c.stateSince)}`),
          c.maintenanceUntil ? el('span', { class: 'sub' }, 'maintenance until ', when(c.maintenanceUntil)) : null,
          future(c.heldDownUntil) ? el('span', { class: 'sub stuck' }, 'held down until ', when(c.heldDownUntil)) : null,
          c.lastProbeError ? el('span', { class: 'sub', title: c.lastProbeError }, c.lastProbeError.slice(0, 80)) : null,
        ],
      },
      {
        class: 'num',
        sig: [c.probeLatencyMs == null ? null : Math.round(c.probeLatencyMs), cap && cap.readyNodes, cap && cap.nodes],
        build: () => [
          c.probeLatencyMs == null ? '—' : `${Math.round(c.probeLatencyMs)} ms`,
          cap ? el('span', { class: 'sub' }, `${cap.readyNodes}/${cap.nodes} nodes ready`) : null,
        ],
      },
      {
        sig: cap ? [cap.allocatableMilliCpu, cap.freeMilliCpu] : null,
        build: () => (cap
          ? [bar(cap.allocatableMilliCpu - cap.freeMilliCpu, cap.allocatableMilliCpu, `CPU ${cores(cap.allocatableMilliCpu - cap.freeMilliCpu)} of ${cores(cap.allocatableMilliCpu)} cores used`),
            el('span', { class: 'sub' }, `${cores(cap.allocatableMilliCpu - cap.freeMilliCpu)} / ${cores(cap.allocatableMilliCpu)} cores, ${cores(cap.freeMilliCpu)} free`)]
          : '—'),
      },
      {
        sig: cap ? [cap.allocatableMemoryBytes, cap.freeMemoryBytes] : null,
        build: () => (cap
          ? [bar(cap.allocatableMemoryBytes - cap.freeMemoryBytes, cap.allocatableMemoryBytes, `Memory ${gib(cap.allocatableMemoryBytes - cap.freeMemoryBytes)} of ${gib(cap.allocatableMemoryBytes)} GiB used`),
            el('span', { class: 'sub' }, `${gib(cap.allocatableMemoryBytes - cap.freeMemoryBytes)} / ${gib(cap.allocatableMemoryBytes)} GiB, ${gib(cap.freeMemoryBytes)} free`)]
          : '—'),
      },
      { sig: [labels.region, labels.zone], build: () => [labels.region || '—', el('span', { class: 'sub' }, labels.zone || '')] },
      { class: 'num', testid: `member-replicas-${c.name}`, sig: [total, ready], build: () => [String(total), el('span', { class: 'sub' }, `${ready} ready`)] },
      {
        sig: [c.state],
        build: () => el('div', { class: 'actions' }, Object.entries(Verbs).map(([action, verb]) => el('button', {
          type: 'button',
          class: action === 'uncordon' ? 'secondary' : undefined,
          disabled: c.state === DisabledIn[action],
          'aria-label': `${verb.label} ${c.name}`,
          testid: `action-${action}-${c.name}`,
          on: { click: () => act(c.name, action) },
        }, verb.label))),
      },
    ];
  }, (c) => `member-${c.name}`);
}

// ---- drains and retirements ----
// drains: member → { peak, requested, pending, reported }, kept by the page across snapshots.
export function renderDrains(clusters, drains, first, announce) {
  for (const c of clusters) {
    const total = held(c);
    if (c.state === 'Draining' || c.state === 'Retired') {
      const entry = drains.get(c.name) || { peak: 0, requested: false };
      entry.peak = Math.max(entry.peak, total);
      if (entry.reported !== true && total === 0 && !first && (entry.peak > 0 || entry.requested)) {
        announce(`${c.state === 'Retired' ? 'Retirement' : 'Drain'} of ${c.name} complete: the member is empty.`);
        entry.reported = true;
      }
      drains.set(c.name, entry);
    } else if (!drains.get(c.name)?.pending) {
      drains.delete(c.name);
    }
  }
  for (const name of [...drains.keys()]) {
    if (!clusters.some((c) => c.name === name)) {
      drains.delete(name);
    }
  }

  const list = byId('drains-list');
  const shown = clusters.filter((c) => drains.has(c.name) && (c.state === 'Draining' || c.state === 'Retired'));
  byId('drains').hidden = shown.length === 0;
  list.replaceChildren(...shown.map((c) => {
    const { peak } = drains.get(c.name);
    const total = held(c);
    const moved = Math.max(0, peak - total);
    const verb = c.state === 'Retired' ? 'Retiring' : 'Draining';
    const done = total === 0;
    return el('li', { testid: `drain-${c.name}` },
      done
        ? el('p', { class: 'done', testid: `drain-done-${c.name}` }, `${c.name} is empty — ${c.state === 'Retired' ? 'retired' : 'drain complete'}.`)
        : el('p', { testid: `drain-progress-${c.name}` }, `${verb} ${c.name}: ${moved} of ${peak} replicas moved, ${total} remaining.`),
      bar(done ? 1 : moved, done ? 1 : peak, `${c.name}: ${moved} of ${peak} replicas moved`, 'progress'),
      (c.workloads || []).length > 0
        ? el('ul', { class: 'legend' }, c.workloads.map((w) => el('li', {}, `${w.application}: ${w.applied} applied, ${w.target} target, ${w.ready} ready`)))
        : null);
  }));
}
