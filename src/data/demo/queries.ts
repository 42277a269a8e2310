/**
 * Questions analysts ask of the demo municipality, as SPARQL, each with the
 * answer computed from the generator's own scenario (not from the data).
 *
 * Stadspas × energietoeslag: "which residents have a stadspas and also
 * received energietoeslag?" In GGM 2.5.1 both are regelingen of a client:
 *   ?inwoner a ggm:Client ;
 *            ggm:client.heeftRegelingRegeling ?r .
 *   ?r ggm:regeling_ModelInkomen.isRegelingsoortRegelingsoort ?soort .
 *   ?soort ggm:regelingsoort.naam "Stadspas" | "Energietoeslag" .
 * (property local names as minted; the query is built from the IRI module).
 * The data sit in named graphs per domain (personen, sociaal-domein-generiek,
 * model-inkomen …), so each query names the graphs it reads with FROM: it
 * runs as is on the service's SPARQL endpoint (whose default graph is empty)
 * and on any store holding the demo TriG.
 *
 * Schuldhulp × Wmo/Jeugd: "which residents in a schuldhulptraject also have a
 * Wmo/Jeugd beschikking?" Schuldhulptraject —heeft traject→ Client and
 * Beschikking (Generiek Jeugd en Wmo) —relatie met Client→ Client. Its answer
 * is read from the generator's own instances of those two classes.
 */
import { NS } from '../../iri/index.js';
import type { Demo } from './index.js';
import type { QuadSink } from './generate.js';
import type { Objecttype, Relatiesoort } from '../../model/types.js';
import { REGELINGSOORTEN } from './scenario.js';

export interface DemoQuery {
  name: string;
  question: string;
  sparql: string;
}

export interface StadspasRow {
  inwoner: string;
  bsn: string;
}

/** FROM clauses for the graphs holding the data of these classes (person data in the persons graph). */
function from(d: Demo, classes: string[], persons = false): string {
  const graphs = new Set(classes.map((g) => d.plan.graphOf(d.plan.domainOf(g))));
  if (persons) graphs.add(d.plan.graphOf('Personen'));
  return [...graphs].sort().map((g) => `FROM <${g}>`).join('\n');
}

export function stadspasEnEnergietoeslagQuery(d: Demo): DemoQuery {
  const { iris } = d.plan;
  const c = d.scenario.c;
  const heeftRegeling = iris.relatie(c.clientHeeftRegeling.guid);
  const soort = iris.relatie(c.regelingIsRegelingsoort.guid);
  const naam = iris.attribuut(c.regelingsoortNaam.guid);
  const [stadspas, energietoeslag] = REGELINGSOORTEN;
  return {
    name: 'stadspas-en-energietoeslag',
    question: 'Welke inwoners hebben een stadspas en ontvingen ook energietoeslag?',
    sparql: `PREFIX rdf: <${NS.rdf}>
SELECT ?inwoner ?bsn
${from(d, [c.client.guid, c.regeling.guid, c.regelingsoort.guid], true)}
WHERE {
  ?inwoner rdf:type <${iris.objecttype(c.client.guid)}> ;
    <${heeftRegeling}> ?stadspas , ?toeslag .
  ?stadspas <${soort}> / <${naam}> "${stadspas}" .
  ?toeslag <${soort}> / <${naam}> "${energietoeslag}" .
  ?inwoner <${iris.attribuut(c.bsn.guid)}> ?bsn .
}
ORDER BY ?inwoner`,
  };
}

/** The expected answer, from the scenario: residents (ordered by IRI) with both regelingen, and their BSN. */
export function stadspasEnEnergietoeslagExpected(d: Demo): StadspasRow[] {
  const family = d.plan.familyOf.get(d.scenario.c.ingeschrevenPersoon.guid);
  if (!family) throw new Error('demo: no family of IngeschrevenPersoon');
  return d.scenario
    .stadspasEnEnergietoeslag(d.plan.scale)
    .map((i) => ({ inwoner: d.plan.iriOf(family, i), bsn: d.generator.persona(family, i).bsn }))
    .sort((a, b) => (a.inwoner < b.inwoner ? -1 : a.inwoner > b.inwoner ? 1 : 0));
}

export function schuldhulpEnWmoQuery(d: Demo): DemoQuery {
  const { iris } = d.plan;
  const c = d.scenario.c;
  return {
    name: 'schuldhulp-en-wmo',
    question: 'Welke inwoners in een schuldhulptraject hebben ook een Wmo/Jeugd-beschikking?',
    sparql: `PREFIX rdf: <${NS.rdf}>
SELECT DISTINCT ?inwoner
${from(d, [c.schuldhulptraject.guid, c.wmoBeschikking.guid])}
WHERE {
  ?traject rdf:type <${iris.objecttype(c.schuldhulptraject.guid)}> ;
    <${iris.relatie(c.trajectClient.guid)}> ?inwoner .
  ?beschikking rdf:type <${iris.objecttype(c.wmoBeschikking.guid)}> ;
    <${iris.relatie(c.beschikkingClient.guid)}> ?inwoner .
}
ORDER BY ?inwoner`,
  };
}

/** Targets of relation `r` over all instances of class `ot` (and its subclasses), as the generator makes them. */
function targets(d: Demo, ot: Objecttype, r: Relatiesoort): Set<string> {
  const predicate = `<${d.plan.iris.relatie(r.guid)}>`;
  const out = new Set<string>();
  const sink: QuadSink = {
    triples: 0,
    add(_s, p, o) {
      if (p === predicate) out.add(o.slice(1, -1));
    },
    drain: () => Promise.resolve(),
  };
  for (const family of d.plan.families) {
    if (!d.plan.lineage(family.ot.guid).includes(ot.guid)) continue;
    for (let i = 0; i < family.count; i++) d.generator.instance(family, i, sink);
  }
  return out;
}

export function schuldhulpEnWmoExpected(d: Demo): string[] {
  const c = d.scenario.c;
  const wmo = targets(d, c.wmoBeschikking, c.beschikkingClient);
  return [...targets(d, c.schuldhulptraject, c.trajectClient)].filter((x) => wmo.has(x)).sort();
}
