/**
 * Benchmark: what /sparql costs on top of the engine. The same queries on the
 * GGM ontology (ontology/ggm.ttl + codelijsten.ttl), run in-process on an
 * Oxigraph store (results serialised by the engine) and over HTTP through
 * /sparql (parse check, negotiation, worker thread, HTTP). Prints the median
 * per query, also of the embedded store called directly (worker thread, no
 * HTTP), and the overhead ratio HTTP / in-process.
 * Usage: node dist/bench/sparql-overhead.js [runs=30]
 * Target: overhead ≤ 1.3× on queries that do real work.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import oxigraph from 'oxigraph';
import { createSparqlRouter } from '../src/server/sparql/router.js';
import { EmbeddedStore } from '../src/store/embedded.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FILES = ['ontology/ggm.ttl', 'ontology/codelijsten.ttl'];
const runs = Number(process.argv[2] ?? 30);

const PREFIXES = `PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ggm: <https://gemeentelijkgegevensmodel.nl/def/ggm/>
`;

const QUERIES: { name: string; accept: string; query: string }[] = [
  { name: 'count triples', accept: 'application/sparql-results+json', query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' },
  {
    name: 'classes with labels',
    accept: 'application/sparql-results+json',
    query: `${PREFIXES}SELECT ?c ?label WHERE { ?c a owl:Class ; rdfs:label ?label } ORDER BY ?c`,
  },
  {
    name: 'properties per class',
    accept: 'text/csv',
    query: `${PREFIXES}SELECT ?c (COUNT(?p) AS ?n) WHERE { ?c a owl:Class . ?p rdfs:domain ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 50`,
  },
  {
    name: 'text search',
    accept: 'application/sparql-results+json',
    query: `${PREFIXES}SELECT ?s ?l WHERE { ?s rdfs:label|skos:prefLabel ?l FILTER(CONTAINS(LCASE(STR(?l)), "zaak")) }`,
  },
  {
    name: 'describe a class (CONSTRUCT)',
    accept: 'text/turtle',
    query: `${PREFIXES}CONSTRUCT { ggm:Zaak ?p ?o . ?x ?q ggm:Zaak } WHERE { { ggm:Zaak ?p ?o } UNION { ?x ?q ggm:Zaak } }`,
  },
  {
    name: 'subclass closure',
    accept: 'application/sparql-results+xml',
    query: `${PREFIXES}SELECT ?c ?super WHERE { ?c rdfs:subClassOf+ ?super }`,
  },
  { name: 'ASK', accept: 'application/sparql-results+json', query: `${PREFIXES}ASK { ggm:Zaak a owl:Class }` },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const local = new oxigraph.Store();
const store = new EmbeddedStore({ workers: 2 });
for (const f of FILES) {
  local.load(readFileSync(`${ROOT}${f}`), { format: 'text/turtle' });
  await store.loadFile(`${ROOT}${f}`, 'text/turtle');
}
const app = express();
app.use('/sparql', createSparqlRouter({ store, resultCap: 1_000_000, timeoutMs: 60_000 }));
const server = app.listen(0);
await new Promise((resolve) => server.once('listening', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
process.stdout.write(`dataset: ${FILES.join(' + ')} = ${local.size} triples; ${runs} runs per query after 3 warm-up runs\n\n`);
process.stdout.write(
  `${'query'.padEnd(30)} ${'bytes'.padStart(9)} ${'in-process ms'.padStart(14)} ${'store ms'.padStart(9)} ${'HTTP ms'.padStart(9)} ${'ratio'.padStart(6)}\n`,
);

let sumLocal = 0;
let sumStore = 0;
let sumHttp = 0;
for (const q of QUERIES) {
  const inProcess: number[] = [];
  const overHttp: number[] = [];
  const direct: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 3; i++) {
    const t0 = performance.now();
    const body = local.query(q.query, { results_format: q.accept }) as string;
    const t1 = performance.now();
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/sparql-query', accept: q.accept },
      body: q.query,
    });
    const text = await response.text();
    const t2 = performance.now();
    await store.query(q.query, { mediaType: response.headers.get('content-type')!.split(';')[0], timeoutMs: 60_000 });
    const t3 = performance.now();
    if (response.status !== 200) throw new Error(`${q.name}: HTTP ${response.status} ${text}`);
    if (i < 3) continue;
    bytes = Math.max(body.length, text.length);
    inProcess.push(t1 - t0);
    overHttp.push(t2 - t1);
    direct.push(t3 - t2);
  }
  const a = median(inProcess);
  const b = median(overHttp);
  const c = median(direct);
  sumLocal += a;
  sumStore += c;
  sumHttp += b;
  process.stdout.write(
    `${q.name.padEnd(30)} ${String(bytes).padStart(9)} ${a.toFixed(2).padStart(14)} ${c.toFixed(2).padStart(9)} ${b.toFixed(2).padStart(9)} ${(b / a).toFixed(2).padStart(6)}\n`,
  );
}
process.stdout.write(
  `\n${'sum of medians'.padEnd(40)} ${sumLocal.toFixed(2).padStart(14)} ${sumStore.toFixed(2).padStart(9)} ${sumHttp.toFixed(2).padStart(9)} ${(sumHttp / sumLocal).toFixed(2).padStart(6)}\n`,
);
server.close();
await store.close();
