/**
 * The model's structure on the pages, checked against the published ontology
 * file itself (ontology/ggm.ttl read with n3, not through the service): every
 * domain's page (place in the tree, subdomains, one diagram box per class, the
 * library's questions about it), and the neighbourhood diagram of class pages
 * (superclasses, subclasses, the classes the relations lead to and come from).
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { loadQueryLibrary, type LibraryQuery } from '../../src/data/queries/library.js';
import { ROOT } from '../server-support.js';
import { browser, getHtml, svc } from './context.js';

const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const IS_PART_OF = 'http://purl.org/dc/terms/isPartOf';
const DOMEIN = 'http://modellen.mim-standaard.nl/def/mim#Domein';

/** What the ontology file says about classes, relations and domains. */
export interface Model {
  classes: Set<string>;
  domains: Set<string>;
  label: Map<string, string>;
  /** Child → parent (domains in domains, classes in domains). */
  partOf: Map<string, string>;
  superOf: Map<string, string[]>;
  relations: { iri: string; from: string; to: string; inverse: boolean }[];
}

export function readModel(): Model {
  const quads = new Parser({ format: 'text/turtle' }).parse(readFileSync(join(ROOT, 'ontology/ggm.ttl'), 'utf8'));
  const m: Model = { classes: new Set(), domains: new Set(), label: new Map(), partOf: new Map(), superOf: new Map(), relations: [] };
  const objectProperties = new Set<string>();
  const domain = new Map<string, string>();
  const range = new Map<string, string>();
  const inverse = new Set<string>();
  for (const q of quads) {
    const s = q.subject.value;
    const o = q.object.value;
    switch (q.predicate.value) {
      case RDF_TYPE:
        if (o === `${OWL}Class` && q.subject.termType === 'NamedNode') m.classes.add(s);
        if (o === DOMEIN) m.domains.add(s);
        if (o === `${OWL}ObjectProperty`) objectProperties.add(s);
        break;
      case `${RDFS}label`:
        if (!m.label.has(s) || (q.object.termType === 'Literal' && (q.object as { language: string }).language === 'nl')) m.label.set(s, o);
        break;
      case IS_PART_OF:
        m.partOf.set(s, o);
        break;
      case `${RDFS}subClassOf`:
        if (q.object.termType === 'NamedNode') m.superOf.set(s, [...(m.superOf.get(s) ?? []), o]);
        break;
      case `${RDFS}domain`:
        domain.set(s, o);
        break;
      case `${RDFS}range`:
        range.set(s, o);
        break;
      case `${OWL}inverseOf`:
        inverse.add(s);
        break;
    }
  }
  for (const p of objectProperties)
    if (domain.has(p) && range.has(p)) m.relations.push({ iri: p, from: domain.get(p)!, to: range.get(p)!, inverse: inverse.has(p) });
  return m;
}

let model: Model;
let library: LibraryQuery[];

/** Domain and all domains below it. */
function withDescendants(domain: string): Set<string> {
  const out = new Set([domain]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of model.domains)
      if (!out.has(d) && out.has(model.partOf.get(d) ?? '')) {
        out.add(d);
        grew = true;
      }
  }
  return out;
}

const path = (iri: string) => new URL(iri).pathname;
/** The IRI a diagram's link stands for: this service's paths are the vocabulary's IRIs. */
const iriOf = (href: string) => (href.startsWith('/') ? `https://gemeentelijkgegevensmodel.nl${href}` : href);
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

export function domainTests(): void {
  before(() => {
    model = readModel();
    library = loadQueryLibrary(ROOT);
  });

  test('every domain of the model has a page: its place in the tree, subdomains, one diagram box per class, the library questions about it', async () => {
    assert.ok(model.domains.size >= 50, `${model.domains.size} domains in the ontology`);
    const problems: string[] = [];
    const asked = new Set<string>();
    const labels = new Set([...model.domains].map((d) => model.label.get(d)));
    for (const q of library)
      for (const d of q.domeinen) if (d !== 'alle domeinen' && !labels.has(d)) problems.push(`${q.name}: no domain is called "${d}"`);
    const queue = [...model.domains];
    const one = async (d: string) => {
      const { status, body } = await getHtml(path(d));
      if (status !== 200) return problems.push(`${path(d)}: ${status}`);
      if (!body.includes('<p class="kind">Domein</p>')) return problems.push(`${path(d)}: not a domain page`);
      const classes = [...model.classes].filter((c) => model.partOf.get(c) === d);
      const boxes = (/<svg class="class-diagram".*?<\/svg>/s.exec(body)?.[0].match(/<rect /g) ?? []).length;
      if (boxes !== classes.length) problems.push(`${path(d)}: ${boxes} boxes for ${classes.length} classes`);
      const crumbs = [...(/<nav aria-label="Plaats in het model".*?<\/nav>/s.exec(body)?.[0] ?? '').matchAll(/href="([^"]*)"/g)].map(
        (m) => m[1],
      );
      const parents: string[] = [];
      for (let p = model.partOf.get(d); p && model.domains.has(p); p = model.partOf.get(p)) parents.unshift(path(p));
      if (JSON.stringify(crumbs.filter((c) => c!.startsWith('/def/ggm/domein/'))) !== JSON.stringify(parents))
        problems.push(`${path(d)}: place ${crumbs.join(' › ')}`);
      const subs = sorted([...model.domains].filter((s) => model.partOf.get(s) === d).map(path));
      const shownSubs = sorted(
        [...(/<section id="subdomeinen".*?<\/section>/s.exec(body)?.[0] ?? '').matchAll(/href="([^"]*)"/g)].map((m) => m[1]!),
      );
      if (JSON.stringify(shownSubs) !== JSON.stringify(subs)) problems.push(`${path(d)}: subdomains ${shownSubs.join(', ')}`);
      const names = new Set([...withDescendants(d)].map((x) => model.label.get(x)));
      const expected = library.filter((q) => q.domeinen.some((n) => names.has(n))).map((q) => q.name);
      const vragen = /<section id="vragen".*?<\/section>/s.exec(body)?.[0] ?? '';
      const listed = [...(/<ul>.*?<\/ul>/s.exec(vragen)?.[0] ?? '').matchAll(/<li><a href="\/queries\/([^"/]+)">/g)].map((m) => m[1]!);
      if (JSON.stringify(listed) !== JSON.stringify(expected))
        problems.push(`${path(d)}: questions ${listed.join(', ')}; expected ${expected.join(', ')}`);
      for (const n of listed) asked.add(n);
    };
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let d = queue.shift(); d; d = queue.shift()) await one(d);
      }),
    );
    const unasked = library.filter((q) => !q.domeinen.includes('alle domeinen') && !asked.has(q.name)).map((q) => q.name);
    assert.deepEqual(unasked, [], 'every question about particular domains is on their pages');
    assert.deepEqual(problems, []);
    const { body: inkomen } = await getHtml('/def/ggm/domein/ModelInkomen');
    assert.match(
      inkomen,
      /<nav aria-label="Plaats in het model"[^>]*>.*6 Sociaal Domein.*Inkomen.*Model Inkomen/s,
      'beleidsdomein › domein › subdomein',
    );
    assert.match(inkomen, /<svg class="class-diagram"[^>]*role="group"/);
    assert.match(inkomen, /<a href="\/def\/ggm\/Regeling_ModelInkomen"><title>/, 'boxes link to the class pages');
    assert.match(inkomen, /<details><summary>\d+ attributen<\/summary>/, 'attributes on demand');
    assert.match(inkomen, /Verbindingen met andere domeinen/);
    assert.match(inkomen, /href="\/queries\/stadspas-en-energietoeslag"/, 'a question about Model Inkomen');
  });

  test('class pages draw the neighbourhood: direct super- and subclasses, the classes the relations lead to and come from', async () => {
    const classes = [...model.classes].sort();
    const ggmClasses = classes.filter((c) => c.startsWith(GGM));
    const relations = model.relations.filter((r) => !r.inverse && model.classes.has(r.to) && model.classes.has(r.from) && r.from !== r.to);
    const expected = (c: string) => ({
      superklasse: sorted((model.superOf.get(c) ?? []).filter((s) => model.classes.has(s))),
      subklasse: sorted(classes.filter((s) => (model.superOf.get(s) ?? []).includes(c))),
      'relatie van deze klasse': sorted(relations.filter((r) => r.from === c).map((r) => r.to)),
      'relatie naar deze klasse': sorted(relations.filter((r) => r.to === c).map((r) => r.from)),
    });
    // The classes with the most of each kind of neighbour, classes with several superclasses, none at all, and a spread.
    const most = (f: (c: string) => number) => [...ggmClasses].sort((a, b) => f(b) - f(a) || (a < b ? -1 : 1)).slice(0, 2);
    const e = new Map(classes.map((c) => [c, expected(c)]));
    const sample = sorted([
      ...Object.keys(expected(classes[0]!)).flatMap((k) => most((c) => (e.get(c) as Record<string, string[]>)[k]!.length)),
      ...ggmClasses.filter((c) => (model.superOf.get(c) ?? []).length > 1).slice(0, 3),
      ...ggmClasses.filter((c) => Object.values(e.get(c)!).every((v) => v.length === 0)).slice(0, 2),
      ...ggmClasses.filter((_, i) => i % 60 === 0),
      `${GGM}Zaak`,
      `${GGM}Client`,
      `${GGM}Werkzoekende`,
    ]);
    const problems: string[] = [];
    let drawn = 0;
    const queue = [...sample];
    const one = async (c: string) => {
      const { status, body } = await getHtml(path(c));
      if (status !== 200) return problems.push(`${path(c)}: ${status}`);
      const svg = /<svg class="class-diagram neighbourhood".*?<\/svg>/s.exec(body)?.[0] ?? '';
      const want = e.get(c)!;
      if (Object.values(want).every((v) => v.length === 0)) {
        if (svg) problems.push(`${path(c)}: a diagram without neighbours`);
        return;
      }
      drawn++;
      const shown: Record<string, string[]> = {};
      for (const m of svg.matchAll(/<a href="([^"]*)" data-rol="([^"]*)">/g)) (shown[m[2]!] ??= []).push(iriOf(m[1]!));
      for (const [role, iris] of Object.entries(want)) {
        const got = sorted(shown[role] ?? []);
        if (JSON.stringify(got) !== JSON.stringify(iris)) problems.push(`${path(c)} ${role}: ${got.join(' ')}; expected ${iris.join(' ')}`);
      }
      for (const m of svg.matchAll(/<a href="([^"]*)" data-rol="[^"]*"><title>[^<]*<\/title><rect [^>]*class="(hier|elders)"/g)) {
        const other = iriOf(m[1]!);
        const elsewhere = model.partOf.get(other) !== model.partOf.get(c);
        if (elsewhere !== (m[2] === 'elders')) problems.push(`${path(c)}: ${m[1]} drawn as ${m[2]}`);
      }
      if (!/<g><title>[^<]*\(deze klasse[^)]*\)<\/title><rect [^>]*class="zelf"/.test(svg))
        problems.push(`${path(c)}: the class itself is not in the middle`);
    };
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let c = queue.shift(); c; c = queue.shift()) await one(c);
      }),
    );
    assert.deepEqual(problems, []);
    assert.ok(drawn >= 15, `${drawn} of ${sample.length} sampled class pages have a diagram`);
    // The relation names stand in the boxes; another domain's class names its domain.
    const { body: zaak } = await getHtml('/def/ggm/Zaak');
    assert.match(
      zaak,
      /<a href="\/def\/ggm\/Aanbesteding" data-rol="relatie naar deze klasse"><title>Aanbesteding \(relatie naar deze klasse: betreft; domein Inkoop\)<\/title><rect [^>]*class="elders"/,
    );
    assert.match(zaak, />heeft<\/text><text [^>]*>Heffing<\/text>/);
    assert.match(zaak, /<a href="\/def\/ggm\/VTHzaak" data-rol="subklasse">/);
  });
}

const SKOS = 'http://www.w3.org/2004/02/skos/core#';

/** Lower case without diacritics, as an index files names. */
const folded = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function modelIndexTests(): void {
  before(() => {
    model ??= readModel();
  });

  test('/domeinen shows the model tree as published: every domain once, under its parent, with exactly its classes', async () => {
    const page = await browser.newPage();
    await page.goto(`${svc.url}/domeinen`);
    const shown = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLLIElement>('li[id^="domein-"]')).map((li) => ({
        href: li.querySelector(':scope > .tree-node a')?.getAttribute('href') ?? '',
        parent: li.parentElement?.closest('li[id^="domein-"]')?.querySelector(':scope > .tree-node a')?.getAttribute('href') ?? '',
        classes: Array.from(li.querySelectorAll(':scope > details a')).map((a) => a.getAttribute('href') ?? ''),
      })),
    );
    await page.close();
    const expected = [...model.domains].map((d) => ({
      href: path(d),
      parent: model.domains.has(model.partOf.get(d) ?? '') ? path(model.partOf.get(d)!) : '',
      classes: sorted([...model.classes].filter((c) => model.partOf.get(c) === d).map(path)),
    }));
    const key = (x: { href: string }) => x.href;
    assert.deepEqual(
      shown.map((s) => ({ ...s, classes: sorted(s.classes) })).sort((a, b) => (key(a) < key(b) ? -1 : 1)),
      expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)),
    );
    const roots = expected.filter((e) => !e.parent).length;
    assert.ok(roots >= 10, `${roots} beleidsdomeinen at the top`);
  });

  test('/termen lists every class, attribute, relation, code list and domain of the model once, under the letter of its name', async () => {
    const quads = new Parser({ format: 'text/turtle' }).parse(readFileSync(join(ROOT, 'ontology/codelijsten.ttl'), 'utf8'));
    const schemes = new Map<string, string>();
    for (const q of quads)
      if (q.predicate.value === RDF_TYPE && q.object.value === `${SKOS}ConceptScheme`) schemes.set(q.subject.value, '');
    for (const q of quads)
      if (schemes.has(q.subject.value) && [`${SKOS}prefLabel`, `${RDFS}label`].includes(q.predicate.value) && !schemes.get(q.subject.value))
        schemes.set(q.subject.value, q.object.value);
    const kinds = await (async () => {
      const all = new Map<string, string>();
      const rows = new Parser({ format: 'text/turtle' }).parse(readFileSync(join(ROOT, 'ontology/ggm.ttl'), 'utf8'));
      for (const q of rows)
        if (
          q.predicate.value === RDF_TYPE &&
          [`${OWL}Class`, `${OWL}DatatypeProperty`, `${OWL}ObjectProperty`, DOMEIN].includes(q.object.value)
        )
          all.set(q.subject.value, q.object.value);
      return all;
    })();
    const expected = new Map<string, string>();
    for (const [iri] of kinds) if (iri.startsWith(GGM) && model.label.has(iri)) expected.set(iri, model.label.get(iri)!);
    for (const [iri, label] of schemes) if (iri.startsWith(GGM) && label) expected.set(iri, label);
    const index = await getHtml('/termen');
    assert.equal(index.status, 200);
    const letters = [...index.body.matchAll(/<a href="\/termen\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const letter of [...new Set(letters)]) {
      const { status, body } = await getHtml(`/termen/${letter}`);
      if (status !== 200) {
        problems.push(`/termen/${letter}: ${status}`);
        continue;
      }
      const table = /<table class="grid az">.*?<\/table>/s.exec(body)?.[0] ?? '';
      // The terms: the first cell's link, or each link in the list of a name several classes share.
      const terms = [
        ...[...table.matchAll(/<tr><td><a href="[^"]*" title="([^"]*)">/g)].map((m) => m[1]!),
        ...[...table.matchAll(/<details>.*?<\/details>/gs)].flatMap((d) =>
          [...d[0].matchAll(/<li><a href="[^"]*" title="([^"]*)">/g)].map((m) => m[1]!),
        ),
      ];
      for (const iri of terms) {
        if (seen.has(iri)) problems.push(`${iri} under ${seen.get(iri)} and ${letter}`);
        seen.set(iri, letter);
      }
    }
    const missing = [...expected.keys()].filter((iri) => !seen.has(iri));
    const extra = [...seen.keys()].filter((iri) => iri.startsWith(GGM) && !expected.has(iri));
    assert.deepEqual(extra, [], "only the model's terms");
    assert.deepEqual(missing.slice(0, 20), [], `${missing.length} of ${expected.size} terms missing from the index`);
    for (const [iri, letter] of seen) {
      if (!expected.has(iri)) continue;
      const c = folded(expected.get(iri)!).charAt(0);
      if ((/[a-z]/.test(c) ? c : '0-9') !== letter) problems.push(`${iri} (${expected.get(iri)}) under ${letter}`);
    }
    assert.deepEqual(problems, []);
    assert.ok(expected.size > 5000, `${expected.size} terms`);
    assert.equal((await getHtml('/termen/xx')).status, 404);
  });

  test('the ontology index and the cross-domain page group and name domains as the tree does', async () => {
    const top = (d: string) => {
      let at = d;
      while (model.domains.has(model.partOf.get(at) ?? '')) at = model.partOf.get(at)!;
      return at;
    };
    // /def/ggm: a section per beleidsdomein; in it each class under the heading of its own domain.
    const page = await browser.newPage();
    await page.goto(`${svc.url}/def/ggm`);
    const placed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#lijst section.domain')).flatMap((section) => {
        const root = section.querySelector('h3 a')?.getAttribute('href') ?? '';
        let under = root;
        const out: { cls: string; root: string; under: string }[] = [];
        for (const el of Array.from(section.children)) {
          if (el.tagName === 'H4') under = el.querySelector('a')?.getAttribute('href') ?? '';
          if (el.tagName === 'UL')
            for (const a of Array.from(el.querySelectorAll('a'))) out.push({ cls: a.getAttribute('href') ?? '', root, under });
        }
        return out;
      }),
    );
    await page.close();
    const expected = [...model.classes]
      .filter((c) => model.domains.has(model.partOf.get(c) ?? ''))
      .map((c) => ({ cls: path(c), root: path(top(model.partOf.get(c)!)), under: path(model.partOf.get(c)!) }));
    const order = (a: { cls: string }, b: { cls: string }) => (a.cls < b.cls ? -1 : 1);
    assert.deepEqual(placed.filter((p) => p.root).sort(order), expected.sort(order));
    // /cross-domain: every domain named in a pair links to the page of the domain of that name, with its beleidsdomein.
    const { body } = await getHtml('/cross-domain');
    const byLabel = new Map([...model.domains].map((d) => [model.label.get(d)!, d]));
    const problems: string[] = [];
    let pairs = 0;
    for (const m of body.matchAll(/<tr data-pair="[^"]*"><td>(.*?)<\/td><td>(.*?)<\/td>/gs)) {
      pairs++;
      for (const cell of [m[1]!, m[2]!]) {
        const a = /<a href="([^"]*)"[^>]*>([^<]*)<\/a>(?: <span class="count">\(([^)]*)\)<\/span>)?/.exec(cell);
        const d = a && byLabel.get(a[2]!.replace(/&amp;/g, '&'));
        if (!a || !d) problems.push(`not a domain link: ${cell}`);
        else if (a[1] !== path(d)) problems.push(`${a[2]} links to ${a[1]}`);
        else if (top(d) !== d && a[3] !== model.label.get(top(d))) problems.push(`${a[2]}: beleidsdomein ${a[3]}`);
      }
    }
    assert.ok(pairs >= 20, `${pairs} pairs of domains`);
    assert.deepEqual(problems, []);
    const circles = [...body.matchAll(/<a href="([^"]*)" class="domein">/g)].map((m) => m[1]!);
    assert.ok(
      circles.length >= 10 && circles.every((h) => [...model.domains].some((d) => path(d) === h && top(d) === d)),
      "the diagram's circles link to the beleidsdomeinen",
    );
  });
}
