// Federation fleet dashboard: reads /api/v1/stream (Server-Sent Events) and renders the fleet.
// No framework and no build step. Rows are patched in place, cell by cell, so that a button a
// keyboard user has focused survives the next update.
'use strict';

(() => {
  const TokenKey = 'federation.token';
  const ReconnectMs = 2000;
  const Palette = ['#4c7bd9', '#2e9e6b', '#c2762b', '#8d5cc4', '#c44d6e', '#3c9fb0', '#7d8b2a', '#6b7280'];
  const Verbs = {
    cordon: { label: 'Cordon', text: (n) => `${n} keeps its replicas but receives no new ones.` },
    uncordon: { label: 'Uncordon', text: (n) => `${n} becomes Ready and can receive replicas again.` },
    drain: { label: 'Drain', text: (n) => `The replicas on ${n} move to other members step by step; no application drops below its availability floor. ${n} receives no new replicas.` },
    retire: { label: 'Retire', text: (n) => `${n} is emptied like a drain and is then no longer scheduled; it can be unjoined afterwards.` },
  };
  const DisabledIn = { cordon: 'Cordoned', uncordon: 'Ready', drain: 'Draining', retire: 'Retired' };

  const byId = (id) => document.querySelector(`[data-testid="${id}"]`);

  // ---- token: ?token= on first load, then sessionStorage; never left in the address bar ----
  const here = new URL(window.location.href);
  if (here.searchParams.has('token')) {
    sessionStorage.setItem(TokenKey, here.searchParams.get('token'));
    here.searchParams.delete('token');
    history.replaceState(null, '', here.pathname + here.search + here.hash);
  }
  const token = () => sessionStorage.getItem(TokenKey) || '';

  function api(path, options = {}) {
    const headers = new Headers(options.headers || {});
    headers.set('Accept', 'application/json');
    if (token()) {
      headers.set('Authorization', `Bearer ${token()}`);
    }
    return fetch(path, { ...options, headers });
  }

  // ---- small DOM helpers ----
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (key === 'class') {
        node.className = value;
      } else if (key === 'testid') {
        node.dataset.testid = value;
      } else if (key === 'on') {
        for (const [type, handler] of Object.entries(value)) {
          node.addEventListener(type, handler);
        }
      } else if (key === 'style') {
        Object.assign(node.style, value);
      } else if (key in node && typeof node[key] !== 'function' && !key.includes('-')) {
        node[key] = value;
      } else {
        node.setAttribute(key, value === true ? '' : value);
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  // Patches tbody to hold one row per item, in order. cells(item) gives, per cell, a signature
  // (any JSON value) and a build function; a cell is rebuilt only when its signature changes.
  function patchRows(tbody, items, key, cells, testid) {
    const existing = new Map([...tbody.rows].map((r) => [r.dataset.key, r]));
    let previous = null;
    for (const item of items) {
      const k = key(item);
      let row = existing.get(k);
      existing.delete(k);
      if (!row) {
        row = el('tr', { testid: testid ? testid(item) : undefined });
        row.dataset.key = k;
      }
      cells(item).forEach((def, i) => {
        const tag = def.header ? 'TH' : 'TD';
        let cell = row.cells[i];
        if (!cell || cell.tagName !== tag) {
          const fresh = document.createElement(tag);
          if (def.header) {
            fresh.scope = 'row';
          }
          // The column's name, shown beside the value when a narrow screen stacks the table.
          fresh.dataset.label = tbody.parentElement.tHead?.rows[0]?.cells[i]?.textContent ?? '';
          cell ? row.replaceChild(fresh, cell) : row.append(fresh);
          cell = fresh;
        }
        const signature = JSON.stringify(def.sig);
        if (cell.dataset.sig !== signature) {
          cell.dataset.sig = signature;
          cell.className = def.class || '';
          if (def.testid) {
            cell.dataset.testid = def.testid;
          }
          cell.replaceChildren(...[def.build()].flat().filter((c) => c !== null && c !== undefined && c !== false));
        }
      });
      const next = previous ? previous.nextSibling : tbody.firstChild;
      if (next !== row) {
        tbody.insertBefore(row, next);
      }
      previous = row;
    }
    existing.forEach((r) => r.remove());
  }

  // ---- formatting ----
  const clock = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '');
  const when = (iso) => (iso ? el('time', { dateTime: iso, title: new Date(iso).toISOString() }, clock(iso)) : '—');
  const cores = (milli) => (milli / 1000).toFixed(milli % 1000 === 0 ? 0 : 1);
  const gib = (bytes) => (bytes / 1024 ** 3).toFixed(1);
  const ago = (iso) => {
    const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    return s < 90 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
  };
  const future = (iso) => iso && new Date(iso).getTime() > Date.now();
  const held = (cluster) => (cluster.workloads || []).reduce((sum, w) => sum + Math.max(w.applied, w.target), 0);
  const appKey = (a) => `${a.namespace}/${a.name}`;

  // A horizontal bar; capacity bars turn orange when nearly full, progress bars use their own colour.
  function bar(used, total, label, kind = 'capacity') {
    const share = total > 0 ? Math.min(1, Math.max(0, used / total)) : 0;
    const fill = kind === 'progress' ? 'fill progress' : share > 0.85 ? 'fill hot' : 'fill';
    return el('div', { class: 'bar', role: 'img', 'aria-label': label },
      el('div', { class: fill, style: { width: `${(share * 100).toFixed(1)}%` } }));
  }

  // ---- state ----
  let snapshot = null;
  let first = true;
  let selected = null;
  const colours = new Map();
  const drains = new Map(); // member -> { peak, requested }
  const lastStates = new Map();

  function announce(text, error = false) {
    const status = byId('live-status');
    status.classList.toggle('error', error);
    status.textContent = text;
  }

  // ---- members ----
  function renderMembers(clusters) {
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
  function renderDrains(clusters) {
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

  // ---- applications ----
  function colourOf(member) {
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
          return el('div', { class: 'seg', title: `${m.cluster}: ${m.ready} ready of ${m.target}`, style: { width: `${(width * 100).toFixed(2)}%` } },
            el('div', { class: 'fill', style: { width: `${(fill * 100).toFixed(1)}%`, background: colourOf(m.cluster) } }));
        })),
      el('ul', { class: 'legend' }, members.map((m) => el('li', {},
        el('span', { class: 'swatch', style: { background: colourOf(m.cluster) } }), `${m.cluster} ${m.ready}/${m.target}`))),
    ];
  }

  function renderApplications(apps) {
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
      { sig: [a.replicas, a.readyReplicas, a.members.map((m) => [m.cluster, m.target, m.ready])], build: () => replicaStack(a) },
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
  function renderMigrations(apps) {
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
        { class: 'reason', sig: [m.stuckReason], build: () => (m.stuckReason ? el('span', { class: 'stuck' }, m.stuckReason) : '—') },
      ];
    }, (a) => `migration-${appKey(a)}`);
  }

  // ---- events ----
  function renderEvents(events) {
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

  // ---- one application's deployment status ----
  async function openApplication(key) {
    selected = key;
    const panel = byId('application-detail');
    panel.hidden = false;
    renderDetail();
    if (snapshot) {
      renderApplications(snapshot.applications);
    }
    panel.focus();
    // Fresh figures at once, rather than waiting for the next change on the stream.
    const [ns, name] = key.split('/');
    try {
      const response = await api(`/api/v1/namespaces/${encodeURIComponent(ns)}/applications/${encodeURIComponent(name)}`);
      if (response.ok && selected === key) {
        renderDetail(await response.json());
      }
    } catch {
      // The stream will bring it.
    }
  }

  function closeApplication() {
    const key = selected;
    selected = null;
    byId('application-detail').hidden = true;
    if (snapshot) {
      renderApplications(snapshot.applications);
    }
    document.querySelector(`[data-testid="app-open-${CSS.escape(key || '')}"]`)?.focus();
  }

  function renderDetail(fresh) {
    if (!selected) {
      return;
    }
    const a = fresh || snapshot?.applications.find((x) => appKey(x) === selected);
    byId('detail-name').textContent = selected;
    if (!a) {
      byId('detail-facts').textContent = 'This application no longer exists.';
      byId('detail-body').replaceChildren();
      byId('detail-conditions').replaceChildren();
      byId('detail-migration').textContent = '';
      byId('detail-excluded').replaceChildren();
      return;
    }
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
      ? `${m.reason}: ${m.sources.join(', ')} → ${m.targets.join(', ')}, ${m.moved} moved, ${m.remaining} remaining, step ${m.step}, started ${clock(m.startedAt)}${m.stuckReason ? ` — stuck: ${m.stuckReason}` : ''}`
      : 'None in flight.');
    const excluded = Object.entries(a.excludedClusters || {});
    byId('detail-excluded').replaceChildren(...(excluded.length
      ? excluded.map(([member, why]) => el('li', {}, `${member}: ${why}`))
      : [el('li', {}, 'None.')]));
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
    renderMembers(clusters);
    renderDrains(clusters);
    renderApplications(apps);
    renderMigrations(apps);
    renderEvents(next.events || []);
    renderDetail();
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
  connect();
})();
