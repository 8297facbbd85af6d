// DOM helpers and formatting for the dashboard: elements, rows patched in place, bars, times.

export const byId = (id) => document.querySelector(`[data-testid="${id}"]`);

export function el(tag, props = {}, ...children) {
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
export function patchRows(tbody, items, key, cells, testid) {
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
export const clock = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '');
export const when = (iso) => (iso ? el('time', { dateTime: iso, title: new Date(iso).toISOString() }, clock(iso)) : '—');
export const cores = (milli) => (milli / 1000).toFixed(milli % 1000 === 0 ? 0 : 1);
export const gib = (bytes) => (bytes / 1024 ** 3).toFixed(1);
export const ago = (iso) => {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  return s < 90 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
};
export const future = (iso) => iso && new Date(iso).getTime() > Date.now();
export const held = (cluster) => (cluster.workloads || []).reduce((sum, w) => sum + Math.max(w.applied, w.target), 0);
export const appKey = (a) => `${a.namespace}/${a.name}`;

// A horizontal bar; capacity bars turn orange when nearly full, progress bars use their own colour.
export function bar(used, total, label, kind = 'capacity') {
  const share = total > 0 ? Math.min(1, Math.max(0, used / total)) : 0;
  const fill = kind === 'progress' ? 'fill progress' : share > 0.85 ? 'fill hot' : 'fill';
  return el('div', { class: 'bar', role: 'img', 'aria-label': label },
    el('div', { class: fill, style: { width: `${(share * 100).toFixed(1)}%` } }));
}
