// One application's progressive rollout: its phase, waves in order with each member's place, and
// the pause / resume / promote / abort buttons (operator role on the host).
import { api } from './api.js';
import { byId, el } from './dom.js';

const Actions = ['pause', 'resume', 'promote', 'abort'];
const Labels = { pause: 'Pause', resume: 'Resume', promote: 'Promote wave', abort: 'Abort and roll back' };

// Which buttons apply in which phase (the host refuses the others with 409 anyway).
function applies(r, action) {
  if (!r) return false;
  if (action === 'abort') return r.phase === 'Progressing' || r.phase === 'Halted';
  if (r.phase !== 'Progressing') return false;
  return action === 'pause' ? !r.paused : action === 'resume' ? r.paused : true;
}

export function renderRollout(a) {
  const r = a?.rollout;
  byId('detail-rollout').textContent = r
    ? `${r.fromTemplate} → ${r.toTemplate}: ${r.phase}${r.paused ? ' (paused)' : ''}${r.reason ? ` — ${r.reason}` : ''}`
    : 'No progressive rollout.';
  const phases = new Map((r?.members || []).map((m) => [m.cluster, m]));
  byId('detail-rollout-waves').replaceChildren(...(r?.waves || []).map((wave, i) => el('li', { 'data-testid': `rollout-wave-${i + 1}` },
    `Wave ${i + 1}: `,
    ...wave.map((member, j) => {
      const m = phases.get(member);
      return [j > 0 ? ', ' : '', el('span', { class: `rollout-${(m?.phase || 'Pending').toLowerCase()}`, title: m?.reason || '' }, `${member} ${m?.phase || 'Pending'}`)];
    }).flat())));
  for (const action of Actions) {
    byId(`rollout-${action}`).disabled = !applies(r, action);
  }
}

// Wires the buttons once: they act on the application open in the detail panel.
export function wireRollout(selected, announce) {
  for (const action of Actions) {
    byId(`rollout-${action}`).addEventListener('click', async () => {
      const key = selected();
      if (!key) return;
      const [ns, name] = key.split('/');
      try {
        const response = await api(`/api/v1/namespaces/${encodeURIComponent(ns)}/applications/${encodeURIComponent(name)}/rollout/${action}`, { method: 'POST' });
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          announce(`${Labels[action]} of ${key} refused: ${problem.detail || problem.title || response.status}`, true);
          return;
        }
        renderRollout(await response.json());
        announce(`${Labels[action]} of ${key}: done.`);
      } catch (e) {
        announce(`${Labels[action]} of ${key} failed: ${e.message}`, true);
      }
    });
  }
}
