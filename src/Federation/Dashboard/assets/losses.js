// The "If a member is lost" card: the host's latest evaluation of every single member loss.
import { byId, clock, el, patchRows } from './dom.js';

export function renderLosses(losses) {
  const worst = losses?.worst || [];
  const empty = byId('losses-empty');
  if (!losses) {
    byId('losses-summary').textContent = '';
    empty.textContent = 'Not evaluated yet.';
  } else {
    const paused = losses.pausedSince ? `; the next evaluation waits for the reconciles under way since ${clock(losses.pausedSince)}` : '';
    byId('losses-summary').textContent = `(${losses.unsurvivable} of ${losses.losses} not survivable, at ${clock(losses.evaluatedAt)}${paused})`;
    empty.textContent = `Every one of the ${losses.losses} member losses is survivable.`;
  }
  empty.hidden = worst.length > 0;
  patchRows(byId('losses-body'), worst, (l) => l.member, (l) => [
    { header: true, sig: [l.member], build: () => l.member },
    { class: 'num', sig: [l.unplaced], build: () => String(l.unplaced) },
    { sig: l.applications, build: () => l.applications.map((a) => el('div', {}, a)) },
    { sig: [l.nodes], build: () => l.nodes || 'no node shape found within 20 nodes' },
  ], (l) => `loss-${l.member}`);
}
