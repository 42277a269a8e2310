/**
 * Code list pages against the published files themselves (ontology/codelijsten.ttl,
 * ontology/ggm.ttl and the demo data, read with n3): the list's domain, every
 * value with the definition the model gives it and how often the demo data use
 * it, and the attributes that take their values from the list.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, type Quad } from 'n3';
import { escapeHtml } from '../../src/server/pages/html.js';
import { ROOT } from '../server-support.js';
import { getHtml } from './context.js';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const IS_PART_OF = 'http://purl.org/dc/terms/isPartOf';
const THINGS = 'https://demo.gemeentelijkgegevensmodel.nl/id/';

interface Scheme {
  iri: string;
  domain?: string;
  values: Map<string, { definition?: string; used: number }>;
  users: Set<string>;
}

let schemes: Map<string, Scheme>;

const parse = (file: string, format = 'text/turtle'): Quad[] => new Parser({ format }).parse(readFileSync(join(ROOT, file), 'utf8'));

function readSchemes(): Map<string, Scheme> {
  const out = new Map<string, Scheme>();
  const lists = parse('ontology/codelijsten.ttl');
  for (const q of lists)
    if (q.predicate.value === RDF_TYPE && q.object.value === `${SKOS}ConceptScheme`)
      out.set(q.subject.value, { iri: q.subject.value, values: new Map(), users: new Set() });
  const schemeOf = new Map<string, string>();
  for (const q of lists) {
    if (q.predicate.value === `${SKOS}inScheme` && out.has(q.object.value)) {
      schemeOf.set(q.subject.value, q.object.value);
      out.get(q.object.value)!.values.set(q.subject.value, { used: 0 });
    }
    if (q.predicate.value === IS_PART_OF && out.has(q.subject.value)) out.get(q.subject.value)!.domain = q.object.value;
  }
  for (const q of lists)
    if (q.predicate.value === `${SKOS}definition` && schemeOf.has(q.subject.value))
      out.get(schemeOf.get(q.subject.value)!)!.values.get(q.subject.value)!.definition = q.object.value;
  for (const q of parse('ontology/ggm.ttl'))
    if (q.predicate.value === `${RDFS}seeAlso` && out.has(q.object.value)) out.get(q.object.value)!.users.add(q.subject.value);
  for (const q of parse('data/demo/gemeente.trig', 'application/trig'))
    if (q.subject.value.startsWith(THINGS) && schemeOf.has(q.object.value))
      out.get(schemeOf.get(q.object.value)!)!.values.get(q.object.value)!.used++;
  return out;
}

const path = (iri: string) => new URL(iri).pathname;

export function codelistTests(): void {
  before(() => {
    schemes = readSchemes();
  });

  test('code list pages: domain, each value with its definition and its use in the demo data, the attributes that use the list', async () => {
    const all = [...schemes.values()].sort((a, b) => (a.iri < b.iri ? -1 : 1));
    const defined = (s: Scheme) => [...s.values.values()].filter((v) => v.definition).length;
    const used = (s: Scheme) => [...s.values.values()].reduce((n, v) => n + v.used, 0);
    // Lists with value definitions, the most used ones (by attributes and by the data), and a spread; all on one page (≤ 500 values).
    const small = all.filter((s) => s.values.size <= 500);
    const top = (f: (s: Scheme) => number, n: number) => [...small].sort((a, b) => f(b) - f(a) || (a.iri < b.iri ? -1 : 1)).slice(0, n);
    const sample = [
      ...new Set([...top(defined, 8), ...top((s) => s.users.size, 4), ...top(used, 4), ...small.filter((_, i) => i % 40 === 0)]),
    ];
    assert.ok(sample.some((s) => defined(s) > 0) && sample.some((s) => used(s) > 0) && sample.some((s) => s.users.size > 1));
    const problems: string[] = [];
    for (const s of sample) {
      const { status, body } = await getHtml(path(s.iri));
      if (status !== 200) {
        problems.push(`${path(s.iri)}: ${status}`);
        continue;
      }
      const p = path(s.iri);
      if (s.domain && !new RegExp(`<dt>Domein</dt><dd><a href="${path(s.domain)}"`).test(body))
        problems.push(`${p}: domain ${path(s.domain)} not shown`);
      const table = /<section id="waarden".*?<\/section>/s.exec(body)?.[0] ?? '';
      for (const [v, want] of s.values) {
        const row = new RegExp(
          `<tr><td><code>[^<]*</code></td><td><a href="${path(v).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>[^<]*</a></td><td class="definition">(.*?)</td><td class="num">(\\d+)</td></tr>`,
          's',
        ).exec(table);
        if (!row) problems.push(`${p}: no row for ${path(v)}`);
        else {
          if (row[1]!.replace(/<br>.*$/s, '') !== escapeHtml(want.definition ?? '')) problems.push(`${path(v)}: definition "${row[1]}"`);
          if (Number(row[2]) !== want.used) problems.push(`${path(v)}: used ${row[2]}, the data ${want.used}`);
        }
      }
      const users = /<section id="attributen".*?<\/section>/s.exec(body)?.[0] ?? '';
      const shown = [...users.matchAll(/<tr><td><a href="([^"]*)"/g)].map((m) => m[1]!).sort();
      const expected = [...s.users].map(path).sort();
      if (JSON.stringify(shown) !== JSON.stringify(expected))
        problems.push(`${p}: attributes ${shown.join(' ')}; expected ${expected.join(' ')}`);
    }
    assert.deepEqual(problems, []);
  });
}
