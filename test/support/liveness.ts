/**
 * After an attack: do plain requests still answer? A cheap ASK, an HTML page,
 * a document in RDF/XML and JSON-LD (written by the main thread's own
 * Oxigraph and JSON-LD writer), search, VoID and the service description —
 * each must be 200, and each within a generous liveness bound (not a timing
 * assertion: plain requests take milliseconds; the bound only tells "answers"
 * from "hangs").
 */
import assert from 'node:assert/strict';

export const LIVENESS_MS = 15_000;

const ASK = 'ASK { <urn:x> ?p ?o }';

export const PLAIN_REQUESTS: Array<{ path: string; accept: string }> = [
  { path: `/sparql?query=${encodeURIComponent(ASK)}`, accept: 'application/sparql-results+json' },
  { path: '/def/ggm/Zaak', accept: 'text/html' },
  { path: '/def/ggm/Zaak', accept: 'application/rdf+xml' },
  { path: '/def/ggm/Zaak', accept: 'application/ld+json' },
  { path: '/zoeken?q=zaak', accept: 'text/html' },
  { path: '/.well-known/void', accept: 'text/turtle' },
  { path: '/sparql', accept: 'application/rdf+xml' },
];

/** Every plain request answers 200 within the bound; `what` names the attack in messages. */
export async function plainRequestsAnswer(base: string, what: string, headers: Record<string, string> = {}): Promise<void> {
  for (const r of PLAIN_REQUESTS) {
    const started = Date.now();
    const res = await fetch(`${base}${r.path}`, { headers: { accept: r.accept, ...headers }, signal: AbortSignal.timeout(LIVENESS_MS) });
    const body = await res.text();
    assert.equal(res.status, 200, `after ${what}: ${r.path} (${r.accept}) → ${res.status} ${body.slice(0, 200)}`);
    assert.ok(Date.now() - started < LIVENESS_MS, `after ${what}: ${r.path} took ${Date.now() - started} ms`);
  }
}
