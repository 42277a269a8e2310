/**
 * Search finds what analysts type, on the real published data: for each of
 * the terms below the result that must come first (name and kind); case,
 * diacritics, word order, compound parts and abbreviations; each thing once
 * (no SHACL shapes beside their class); Dutch counts ("1 resultaat"); hits
 * show kind, owner, domain and a definition snippet; suggestions as you type.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml } from '../../src/server/pages/html.js';
import { svc } from './context.js';

/** What an analyst types → the name and kind that must come first. */
const FIRST: [string, string, string][] = [
  ['energietoeslag', 'Energietoeslag', 'Object'],
  ['BSN', 'burgerservicenummer', 'Attribuut'],
  ['bsn', 'burgerservicenummer', 'Attribuut'],
  ['burgerservicenummer', 'burgerservicenummer', 'Attribuut'],
  ['ingeschreven persoon', 'IngeschrevenPersoon', 'Klasse'],
  ['persoon ingeschreven', 'IngeschrevenPersoon', 'Klasse'],
  ['IngeschrevenPersoon', 'IngeschrevenPersoon', 'Klasse'],
  ['Lindewaard', 'Lindewaard', 'Object'],
  ['cliënt', 'Client', 'Klasse'],
  ['client', 'Client', 'Klasse'],
  ['CLIENT', 'Client', 'Klasse'],
  ['zaak', 'Zaak', 'Klasse'],
  ['kapvergunning', 'Monumentale boom', 'Waarde'],
  ['bestemmingsplan', 'bestemmingsplan', 'Attribuut'],
  ['WOZ', 'WOZ-Waarde', 'Klasse'],
  ['woz waarde', 'WOZ-Waarde', 'Klasse'],
  ['waarde woz', 'WOZ-Waarde', 'Klasse'],
  ['stadspas', 'Stadspas', 'Klasse'],
  ['leerplicht', 'Leerplicht en Leerlingenvervoer', 'Domein'],
  ['nummeraanduiding', 'Nummeraanduiding', 'Klasse'],
  ['verblijfsobject', 'Verblijfsobject', 'Klasse'],
  ['huishouden', 'Huishouden', 'Klasse'],
  ['schuldhulpverlening', 'Schuldhulpverlening', 'Domein'],
  ['inburgeraar', 'Inburgeraar', 'Klasse'],
  ['uitkering', 'Uitkering', 'Klasse'],
  ['subsidie', 'Subsidie', 'Klasse'],
  ['factuur', 'Factuur', 'Klasse'],
  ['buurt', 'Buurt', 'Klasse'],
  ['wijk', 'Wijk', 'Klasse'],
  ['parkeervergunning', 'Parkeervergunning', 'Klasse'],
  ['omgevingsvergunning', 'Omgevingsvergunning', 'Klasse'],
  ['vestiging', 'Vestiging', 'Klasse'],
  ['medewerker', 'Medewerker', 'Klasse'],
  ['geslacht', 'geslacht', 'Codelijst'],
  ['werkzoekende', 'Werkzoekende', 'Klasse'],
  ['pand', 'Pand', 'Klasse'],
  ['afval', 'Afval', 'Domein'],
  ['vroegsignalering', 'Vroegsignalering', 'Domein'],
  ['openbare ruimte melding', 'Meldingen Openbare Ruimte', 'Domein'],
];

const G = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';

/** SPARQL SELECT on the service's endpoint (the raw data, not the pages under test). */
async function sparql(query: string): Promise<Record<string, string>[]> {
  const res = await fetch(`${svc.url}/sparql?query=${encodeURIComponent(query)}`, {
    headers: { Accept: 'application/sparql-results+json' },
  });
  assert.equal(res.status, 200, query);
  const json = (await res.json()) as { results: { bindings: Record<string, { value: string }>[] } };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

/**
 * A resident of the demo municipality whose full name (voornamen, voorvoegsel,
 * geslachtsnaam) no one else has, read from the data: the name an analyst types.
 */
async function demoResident(): Promise<{ iri: string; name: string }> {
  const rows = await sparql(
    `SELECT ?p ?v ?vv ?g WHERE { ?p a <${G}IngeschrevenPersoon> ; <${G}natuurlijkPersoon.voornamen> ?v ; <${G}natuurlijkPersoon.geslachtsnaam> ?g OPTIONAL { ?p <${G}natuurlijkPersoon.voorvoegselGeslachtsnaam> ?vv } } ORDER BY ?p`,
  );
  const names = rows.map((r) => ({ iri: r.p!, name: [r.v, r.vv, r.g].filter(Boolean).join(' ') }));
  const count = new Map<string, number>();
  for (const n of names) count.set(n.name, (count.get(n.name) ?? 0) + 1);
  const unique = names.find((n) => count.get(n.name) === 1);
  assert.ok(unique, 'a resident with a name of their own');
  return unique;
}

interface Row {
  href: string;
  label: string;
  kind: string;
  owner: string;
  domain: string;
  snippet: string;
}

/** The results table of /zoeken?q=… as rows (the page's own markup, read back). */
async function results(q: string): Promise<{ status: string; rows: Row[] }> {
  const res = await fetch(`${svc.url}/zoeken?q=${encodeURIComponent(q)}`, { headers: { Accept: 'text/html' } });
  assert.equal(res.status, 200);
  const body = await res.text();
  const status = /<p role="status">(.*?)<\/p>/s.exec(body)?.[1]?.replace(/<[^>]*>/g, '') ?? '';
  const strip = (s: string | undefined) => (s ?? '').replace(/<[^>]*>/g, '').trim();
  const rows = [...body.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/gs)].map((m) => ({
    href: /href="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    label: strip(/<a [^>]*>(.*?)<\/a>/s.exec(m[1]!)?.[1]),
    snippet: strip(/<span class="snippet">(.*?)<\/span>/s.exec(m[1]!)?.[1]),
    kind: strip(m[2]),
    owner: strip(m[3]),
    domain: strip(m[4]),
  }));
  return { status, rows };
}

const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

export function searchTests(): void {
  test(`${FIRST.length + 1} terms analysts type each find the right thing first`, async () => {
    const wrong: string[] = [];
    const resident = (await demoResident()).name;
    for (const [q, label, kind] of [...FIRST, [resident, resident, 'Object'] as const]) {
      const { rows } = await results(q);
      const first = rows[0];
      if (!first || unescape(first.label) !== label || first.kind !== kind)
        wrong.push(`${q}: expected ${label} (${kind}), got ${first ? `${first.label} (${first.kind})` : 'nothing'}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('case, diacritics and word order do not matter; a compound part finds the compound', async () => {
    const hrefs = async (q: string) => (await results(q)).rows.map((r) => r.href);
    assert.deepEqual(await hrefs('cliënt'), await hrefs('client'));
    assert.deepEqual(await hrefs('CLIËNT'), await hrefs('Client'));
    assert.deepEqual((await hrefs('ingeschreven persoon')).slice(0, 5), (await hrefs('persoon ingeschreven')).slice(0, 5));
    const toeslag = (await results('toeslag')).rows.map((r) => unescape(r.label));
    assert.ok(toeslag.includes('Energietoeslag'), 'toeslag finds Energietoeslag');
    assert.ok(
      toeslag.some((l) => /huurtoeslag/i.test(l)),
      'toeslag finds words that end in toeslag',
    );
  });

  test('hits show kind, owning class, domain and a definition snippet; each class once, never its shape', async () => {
    const { rows } = await results('zaak');
    assert.ok(rows.length > 10);
    assert.ok(!rows.some((r) => r.href.startsWith('/def/ggm/shape/')), 'no SHACL shape among the hits');
    const hrefs = rows.map((r) => r.href);
    assert.equal(new Set(hrefs).size, hrefs.length, 'every thing once');
    const zaak = rows[0]!;
    assert.equal(zaak.href, '/def/ggm/Zaak');
    assert.equal(zaak.domain.replace(/\s+/g, ' '), 'RGBZPlus (99 Kern)');
    assert.ok(zaak.snippet.length > 20 && zaak.snippet.length <= 170, zaak.snippet);
    const attribute = (await results('burgerservicenummer')).rows[0]!;
    assert.equal(attribute.owner, 'NatuurlijkPersoon');
    assert.match(attribute.domain, /RSGBPlus/);
    const value = (await results('kapvergunning')).rows[0]!;
    assert.match(value.owner, /typeBeschermingsstatus/i);
  });

  test('Dutch counts: "N resultaten", nothing found (and "1 resultaat" below)', async () => {
    assert.match((await results('zaak')).status, /^\d+\+? resultaten voor zaak\.$/);
    assert.match((await results('qqqxxyyzz')).status, /^Niets gevonden voor qqqxxyyzz\.$/);
  });

  test('suggestions as you type come as JSON, best first, with links to this host', async () => {
    const res = await fetch(`${svc.url}/zoeken/suggesties?q=${encodeURIComponent('ingeschr')}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const items = (await res.json()) as { label: string; kind: string; href?: string }[];
    assert.ok(items.length > 0 && items.length <= 8);
    assert.equal(items[0]!.label, 'IngeschrevenPersoon');
    assert.equal(items[0]!.href, '/def/ggm/IngeschrevenPersoon');
    assert.deepEqual(await (await fetch(`${svc.url}/zoeken/suggesties?q=`)).json(), []);
    const page = await (await fetch(`${svc.url}/zoeken`)).text();
    assert.match(page, /<input type="search" id="zoekterm" name="q"[^>]* list="zoek-suggesties"/, 'the field offers the suggestions');
    assert.match(page, /<form class="search" method="get" action="\/zoeken"/, 'and works as a plain form without JavaScript');
  });

  test('a graph that changes is searchable after the change', async () => {
    const v = 'https://gemeentelijkgegevensmodel.nl/';
    await svc.store.replaceGraph(
      `${v}def/ggm/test-zoeken`,
      `<${v}def/ggm/Zoekproefklasse> a <http://www.w3.org/2002/07/owl#Class> ; <http://www.w3.org/2000/01/rdf-schema#label> "Zoekproefklasse"@nl .`,
      'text/turtle',
    );
    let found = false;
    for (let i = 0; i < 100 && !found; i++) {
      found = (await results('zoekproefklasse')).rows[0]?.label === 'Zoekproefklasse';
      if (!found) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(found, 'the new class is found once the index is rebuilt');
    assert.match((await results('zoekproefklasse')).status, /^1 resultaat voor zoekproefklasse\.$/);
    await svc.store.update(`DROP GRAPH <${v}def/ggm/test-zoeken>`, { timeoutMs: 10_000 }); // leave the published data as it was
  });

  test('instance pages show names from the naming attributes, and relations that share a label by their target', async () => {
    const page = async (path: string) => (await fetch(`${svc.url}${path}`, { headers: { Accept: 'text/html' } })).text();
    const local = (iri: string) => new URL(iri).pathname.replace(/^\/id\//, '/doc/');
    // A Zaak with an omschrijving and both of Zaak's "heeft" relations (to Heffing and to Klantbeoordeling), from the data.
    const [z] = await sparql(
      `SELECT ?z ?o WHERE { ?z a <${G}Zaak> ; <${G}zaak.omschrijving> ?o ; <${G}zaak.heeftHeffing> ?h ; <${G}zaak.heeftKlantbeoordeling> ?k } ORDER BY ?z LIMIT 1`,
    );
    assert.ok(z, 'the demo data have such a Zaak');
    const zaak = await page(local(z.z!));
    assert.ok(zaak.includes(`<h1>${escapeHtml(z.o!)}</h1>`), 'a Zaak is called by its omschrijving');
    const resident = await demoResident();
    assert.ok(
      (await page(local(resident.iri))).includes(`<h1>${escapeHtml(resident.name)}</h1>`),
      'a person by voornamen and geslachtsnaam',
    );
    assert.match(zaak, />heeft → Heffing<\/a>/, 'two "heeft" relations told apart by target class');
    assert.match(zaak, />heeft → Klantbeoordeling<\/a>/);
    // Links to other instances read as their names, not as IRI tails.
    const [other] = await sparql(
      `SELECT ?y ?o WHERE { <${z.z}> ?p ?y . ?y a <${G}Zaak> ; <${G}zaak.omschrijving> ?o } ORDER BY ?y LIMIT 1`,
    );
    if (other) assert.ok(zaak.includes(`>${escapeHtml(other.o!)}</a>`), `the link to ${other.y} reads as its name`);
    else assert.match(zaak, /href="\/id\/[^"]+"[^>]*>[^<]*[A-Za-z] [^<]*<\/a>/, 'links to other instances read as names');
    // Linked instances without a naming attribute read as their class and number ("Subsidie 1"), as their own page's
    // title, never as an IRI tail ("subsidie/1") — on a person's page, which links to many such things.
    const person = await page(local(resident.iri));
    const linkTexts = [...person.matchAll(/<a href="(\/id\/[^"]+)"[^>]*>([^<]*)<\/a>/g)];
    assert.ok(linkTexts.length > 5, 'the person page links to other instances');
    const tails = linkTexts.filter(([, , shown]) => /^[a-z0-9-]+\/[^ ]+$/.test(shown!.trim()));
    assert.deepEqual(
      tails.map(([, href, shown]) => `${href} → ${shown}`),
      [],
      'no link to an instance reads as an IRI tail',
    );
  });
}
