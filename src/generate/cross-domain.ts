/**
 * Cross-domain analysis: where the GGM's domains meet.
 *
 * 1. Links: relatiesoorten, attribuutsoorten typed by an objecttype, and
 *    generalisaties whose two classes lie in different domains (the nearest
 *    «Domein» package of each class), counted per ordered domain pair.
 * 2. Shared names: classes with the same name in several domains, grouped by
 *    identical definition (after normalising whitespace and encoding damage)
 *    or told to be homonyms. Reported only: an identical definition is often
 *    copied in the source (the quality report lists it), no mapping is made.
 * 3. Shared definitions under different names: reported, never asserted
 *    (copied definitions such as Provincie's, which is Land's, are defects).
 * 4. An overview for a diagram: nodes = domains, edges = link counts.
 */
import type { GgmModel, Objecttype } from '../model/types.js';
import type { GgmIris } from '../iri/index.js';
import { upperCamel } from '../iri/names.js';

export type LinkKind = 'relatiesoort' | 'attribuutsoort' | 'generalisatie';

export interface CrossDomainLink {
  kind: LinkKind;
  /** GUID of the relatiesoort, attribuutsoort or generalisatie. */
  guid: string;
  /** Property local name (relatiesoort, attribuutsoort); absent for a generalisatie. */
  property?: string;
  fromClass: string;
  fromDomein: string;
  toClass: string;
  toDomein: string;
}

export interface DomainPair {
  from: string;
  to: string;
  count: number;
  relatiesoorten: number;
  attribuutsoorten: number;
  generalisaties: number;
  links: CrossDomainLink[];
}

export interface ClassRef {
  guid: string;
  local: string;
  domein: string;
  definitie?: string;
}

/** One name used by classes in more than one domain. */
export interface SharedName {
  name: string;
  classes: ClassRef[];
  /** Classes grouped by identical (normalised, non-empty) definition; groups of 2+ are the same concept. */
  sameConcept: ClassRef[][];
  /** same-concept: all definitions equal; homonym: some differ; undetermined: definitions missing so nothing can be said. */
  verdict: 'same-concept' | 'homonym' | 'partly-same' | 'undetermined';
}

export interface SharedDefinition {
  definitie: string;
  classes: ClassRef[];
}

export interface CrossDomainReport {
  domeinen: { name: string; beleidsdomein: string; classes: number }[];
  links: CrossDomainLink[];
  pairs: DomainPair[];
  sharedNames: SharedName[];
  sharedDefinitions: SharedDefinition[];
}

export interface DomainOverview {
  level: 'domein' | 'beleidsdomein';
  nodes: { id: string; label: string; classes: number }[];
  edges: { from: string; to: string; count: number; relatiesoorten: number; attribuutsoorten: number; generalisaties: number }[];
}

/**
 * Definitions compared for identity: NFC, lower case, whitespace collapsed,
 * non-ASCII characters dropped (GEMMA texts in the release carry UTF-8 read as
 * Mac Roman: "coördineren" appears as "co√∂rdineren"), trailing full stop ignored.
 */
export function normaliseDefinition(s: string | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\x00-\x7f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '')
    .trim();
}

const nameKey = (name: string) => (upperCamel(name) || name).toLowerCase();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Domain names in reading order: numbered beleidsdomeinen by number ("2 …" before "10 …"), then by name. */
export function compareDomainNames(a: string, b: string): number {
  const na = /^(\d+) /.exec(a);
  const nb = /^(\d+) /.exec(b);
  if (na && nb && na[1] !== nb[1]) return Number(na[1]) - Number(nb[1]);
  if (na && !nb) return -1;
  if (!na && nb) return 1;
  return cmp(a, b);
}

export function crossDomain(model: GgmModel, iris: GgmIris): CrossDomainReport {
  const domeinOf = (ot: Objecttype) => (ot.domeinGuid ? model.domeinen.get(ot.domeinGuid)?.name : undefined) ?? '(geen domein)';
  const local = (guid: string) => iris.objecttypeLocal(guid);
  const links: CrossDomainLink[] = [];
  const push = (kind: LinkKind, guid: string, from: Objecttype, to: Objecttype, property?: string) => {
    const fromDomein = domeinOf(from);
    const toDomein = domeinOf(to);
    if (fromDomein === toDomein) return;
    links.push({
      kind,
      guid,
      ...(property ? { property } : {}),
      fromClass: local(from.guid),
      fromDomein,
      toClass: local(to.guid),
      toDomein,
    });
  };
  for (const r of model.relatiesoorten) {
    const from = model.objecttypen.get(r.bron.classGuid);
    const to = model.objecttypen.get(r.doel.classGuid);
    if (from && to) push('relatiesoort', r.guid, from, to, iris.names.relatie.get(r.guid));
  }
  for (const ot of model.objecttypen.values()) {
    for (const a of ot.attributen) {
      if (a.type.kind !== 'objecttype') continue;
      const to = model.objecttypen.get(a.type.guid);
      if (to) push('attribuutsoort', a.guid, ot, to, iris.names.attribuut.get(a.guid));
    }
  }
  for (const g of model.generalisaties) {
    const from = model.objecttypen.get(g.subGuid);
    const to = model.objecttypen.get(g.superGuid);
    if (from && to) push('generalisatie', g.guid, from, to);
  }
  links.sort(
    (a, b) =>
      cmp(a.fromDomein, b.fromDomein) ||
      cmp(a.toDomein, b.toDomein) ||
      cmp(a.kind, b.kind) ||
      cmp(a.fromClass, b.fromClass) ||
      cmp(a.property ?? '', b.property ?? '') ||
      cmp(a.toClass, b.toClass) ||
      cmp(a.guid, b.guid),
  );

  const pairMap = new Map<string, DomainPair>();
  for (const l of links) {
    const k = `${l.fromDomein}\u0000${l.toDomein}`;
    let p = pairMap.get(k);
    if (!p)
      pairMap.set(
        k,
        (p = { from: l.fromDomein, to: l.toDomein, count: 0, relatiesoorten: 0, attribuutsoorten: 0, generalisaties: 0, links: [] }),
      );
    p.count++;
    p[l.kind === 'relatiesoort' ? 'relatiesoorten' : l.kind === 'attribuutsoort' ? 'attribuutsoorten' : 'generalisaties']++;
    p.links.push(l);
  }
  const pairs = [...pairMap.values()].sort((a, b) => b.count - a.count || cmp(a.from, b.from) || cmp(a.to, b.to));

  const classes = [...model.objecttypen.values()].filter((o) => o.kind === 'objecttype');
  const ref = (ot: Objecttype): ClassRef => ({
    guid: ot.guid,
    local: local(ot.guid),
    domein: domeinOf(ot),
    ...(ot.definitie ? { definitie: ot.definitie } : {}),
  });

  const byName = new Map<string, Objecttype[]>();
  for (const ot of classes) {
    const k = nameKey(ot.name);
    const l = byName.get(k) ?? [];
    l.push(ot);
    byName.set(k, l);
  }
  const sharedNames: SharedName[] = [];
  for (const list of byName.values()) {
    if (new Set(list.map(domeinOf)).size < 2) continue;
    const refs = list.map(ref).sort((a, b) => cmp(a.local, b.local));
    const byDef = new Map<string, ClassRef[]>();
    for (const r of refs) {
      const d = normaliseDefinition(r.definitie);
      if (!d) continue;
      const l = byDef.get(d) ?? [];
      l.push(r);
      byDef.set(d, l);
    }
    // Same concept only across domains: two classes with one definition in one domain are a modelling duplicate, still the same concept.
    const sameConcept = [...byDef.values()].filter((g) => g.length > 1).sort((a, b) => cmp(a[0].local, b[0].local));
    const defined = refs.filter((r) => normaliseDefinition(r.definitie));
    const verdict: SharedName['verdict'] =
      defined.length < 2
        ? 'undetermined'
        : byDef.size === 1 && defined.length === refs.length
          ? 'same-concept'
          : sameConcept.length > 0
            ? 'partly-same'
            : 'homonym';
    sharedNames.push({ name: list.map((o) => o.name).sort()[0], classes: refs, sameConcept, verdict });
  }
  sharedNames.sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.name, b.name));

  const byDefinition = new Map<string, Objecttype[]>();
  for (const ot of classes) {
    const d = normaliseDefinition(ot.definitie);
    if (d.length < 20) continue; // "zie ...", "nan" and one-word texts say nothing
    const l = byDefinition.get(d) ?? [];
    l.push(ot);
    byDefinition.set(d, l);
  }
  const sharedDefinitions: SharedDefinition[] = [];
  for (const list of byDefinition.values()) {
    if (new Set(list.map((o) => nameKey(o.name))).size < 2) continue;
    if (new Set(list.map(domeinOf)).size < 2) continue;
    const refs = list.map(ref).sort((a, b) => cmp(a.local, b.local));
    sharedDefinitions.push({ definitie: refs[0].definitie ?? '', classes: refs });
  }
  sharedDefinitions.sort((a, b) => cmp(a.classes[0].local, b.classes[0].local));

  const counts = new Map<string, number>();
  for (const ot of classes) counts.set(domeinOf(ot), (counts.get(domeinOf(ot)) ?? 0) + 1);
  const domeinen = [...model.domeinen.values()]
    .map((d) => ({ name: d.name, beleidsdomein: d.beleidsdomein, classes: counts.get(d.name) ?? 0 }))
    .sort((a, b) => compareDomainNames(a.beleidsdomein, b.beleidsdomein) || compareDomainNames(a.name, b.name));

  return { domeinen, links, pairs, sharedNames, sharedDefinitions };
}

/** Nodes and weighted edges for a diagram, per domein or per top-level beleidsdomein (links inside one beleidsdomein dropped). */
export function domainOverview(report: CrossDomainReport, level: 'domein' | 'beleidsdomein' = 'beleidsdomein'): DomainOverview {
  const up = new Map(report.domeinen.map((d) => [d.name, level === 'domein' ? d.name : d.beleidsdomein]));
  const group = (domein: string) => up.get(domein) ?? domein;
  const nodes = new Map<string, number>();
  for (const d of report.domeinen) nodes.set(group(d.name), (nodes.get(group(d.name)) ?? 0) + d.classes);
  const edges = new Map<string, DomainOverview['edges'][number]>();
  for (const l of report.links) {
    const from = group(l.fromDomein);
    const to = group(l.toDomein);
    if (from === to) continue;
    const k = `${from}\u0000${to}`;
    let e = edges.get(k);
    if (!e) edges.set(k, (e = { from, to, count: 0, relatiesoorten: 0, attribuutsoorten: 0, generalisaties: 0 }));
    e.count++;
    e[l.kind === 'relatiesoort' ? 'relatiesoorten' : l.kind === 'attribuutsoort' ? 'attribuutsoorten' : 'generalisaties']++;
  }
  return {
    level,
    nodes: [...nodes.entries()].map(([id, classes]) => ({ id, label: id, classes })).sort((a, b) => cmp(a.id, b.id)),
    edges: [...edges.values()].sort((a, b) => b.count - a.count || cmp(a.from, b.from) || cmp(a.to, b.to)),
  };
}

/** The report as JSON (links listed once, inside their pair). */
export function crossDomainJson(report: CrossDomainReport): string {
  const { links: _links, ...rest } = report;
  void _links;
  return `${JSON.stringify({ ...rest, overview: { beleidsdomein: domainOverview(report, 'beleidsdomein'), domein: domainOverview(report, 'domein') } }, null, 1)}\n`;
}

const md = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const clip = (s: string | undefined, n = 140) => {
  const t = md(s ?? '');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t || '—';
};

export function crossDomainMarkdown(report: CrossDomainReport, version: string): string {
  const out: string[] = [];
  const kinds = (k: LinkKind) => report.links.filter((l) => l.kind === k).length;
  out.push(`# Domeinoverstijgende relaties — GGM ${version}`, '');
  out.push('Gegenereerd uit het model; niet met de hand wijzigen.', '');
  out.push(
    `- ${report.links.length} verbindingen tussen klassen van verschillende domeinen: ${kinds('relatiesoort')} relatiesoorten, ${kinds('attribuutsoort')} attribuutsoorten met een objecttype als type, ${kinds('generalisatie')} generalisaties`,
  );
  out.push(`- ${report.pairs.length} domeinparen (van → naar)`);
  out.push(
    `- ${report.sharedNames.length} namen die in meer dan één domein voorkomen: ${report.sharedNames.filter((s) => s.verdict === 'same-concept').length} zelfde definitie, ${report.sharedNames.filter((s) => s.verdict === 'partly-same').length} deels zelfde definitie, ${report.sharedNames.filter((s) => s.verdict === 'homonym').length} homoniem, ${report.sharedNames.filter((s) => s.verdict === 'undetermined').length} onbepaald (definitie ontbreekt)`,
  );
  out.push(`- ${report.sharedDefinitions.length} definities die in meer dan één domein onder verschillende namen voorkomen`, '');

  const ov = domainOverview(report, 'beleidsdomein');
  out.push(
    '## Overzicht per beleidsdomein',
    '',
    '| van | naar | verbindingen | relatiesoorten | attribuutsoorten | generalisaties |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  );
  for (const e of ov.edges)
    out.push(`| ${md(e.from)} | ${md(e.to)} | ${e.count} | ${e.relatiesoorten} | ${e.attribuutsoorten} | ${e.generalisaties} |`);
  out.push('');

  out.push(
    '## Domeinparen',
    '',
    '| van | naar | verbindingen | relatiesoorten | attribuutsoorten | generalisaties |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  );
  for (const p of report.pairs)
    out.push(`| ${md(p.from)} | ${md(p.to)} | ${p.count} | ${p.relatiesoorten} | ${p.attribuutsoorten} | ${p.generalisaties} |`);
  out.push('');

  out.push('## Verbindingen per domeinpaar', '');
  for (const p of report.pairs) {
    out.push(
      `### ${md(p.from)} → ${md(p.to)} (${p.count})`,
      '',
      '| soort | van klasse | eigenschap | naar klasse |',
      '| --- | --- | --- | --- |',
    );
    for (const l of p.links) out.push(`| ${l.kind} | ${md(l.fromClass)} | ${md(l.property ?? '—')} | ${md(l.toClass)} |`);
    out.push('');
  }

  out.push('## Namen in meer dan één domein', '');
  out.push(
    'Zelfde definitie = gelijke definitie (na normalisatie van witruimte en tekencodering): hetzelfde begrip of een in de bron gekopieerde definitie; niet als overeenkomst vastgelegd, gemeld in het kwaliteitsrapport (source:shared-definition). Homoniem = zelfde naam, andere definitie.',
    '',
  );
  out.push('| naam | oordeel | klasse | domein | definitie |', '| --- | --- | --- | --- | --- |');
  const label = {
    'same-concept': 'zelfde definitie',
    'partly-same': 'deels zelfde definitie',
    homonym: 'homoniem',
    undetermined: 'onbepaald',
  } as const;
  for (const s of report.sharedNames) {
    for (const c of s.classes)
      out.push(`| ${md(s.name)} | ${label[s.verdict]} | ${md(c.local)} | ${md(c.domein)} | ${clip(c.definitie)} |`);
  }
  out.push('');

  out.push('## Gelijke definitie, andere naam', '');
  out.push(
    'Niet als overeenkomst vastgelegd: een gekopieerde definitie bewijst niet dat het om hetzelfde begrip gaat (Gebied_99Kern draagt bijvoorbeeld de definitie van Buurt).',
    '',
  );
  out.push('| definitie | klassen (domein) |', '| --- | --- |');
  for (const d of report.sharedDefinitions)
    out.push(`| ${clip(d.definitie)} | ${d.classes.map((c) => `${md(c.local)} (${md(c.domein)})`).join(', ')} |`);
  out.push('');
  return out.join('\n');
}

export const CROSS_DOMAIN_FILES = { md: 'reports/cross-domain.md', json: 'reports/cross-domain.json' } as const;

/** The cross-domain report files as (relative path → content), for the build. */
export function crossDomainArtefacts(model: GgmModel, iris: GgmIris): Map<string, string> {
  const report = crossDomain(model, iris);
  return new Map([
    [CROSS_DOMAIN_FILES.md, crossDomainMarkdown(report, model.version)],
    [CROSS_DOMAIN_FILES.json, crossDomainJson(report)],
  ]);
}
