/**
 * What a document says about itself, so a client that fetched one document
 * knows what it holds, under which licence, from where and since when:
 * - a /doc/… document: foaf:primaryTopic (the thing), licence, the graphs its
 *   triples come from (dcterms:source), the dataset it is part of, when the
 *   data last changed;
 * - a graph document (/def/ggm, /def/ggm/codelijsten, /def/ggm/shapes,
 *   /graph/…): the graph as a void:Dataset with title, licence, publisher,
 *   triple count, modified, source and a dump link per format.
 */
import { DataFactory, type Quad } from 'n3';
import { NS, type IriConfig } from '../iri/index.js';
import type { GraphInfo, SparqlStore } from '../store/types.js';
import { FORMATS } from './formats.js';
import { select, sparqlIri, text } from './store-query.js';
import { voidFacts } from './void.js';

const { namedNode, literal, quad } = DataFactory;
const p = (ns: keyof typeof NS, local: string) => namedNode(`${NS[ns]}${local}`);
const A = p('rdf', 'type');

/** xsd:dateTime of the moment the served data last changed (seconds). */
export function modifiedLiteral(changedAt: Date) {
  return literal(`${changedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}`, p('xsd', 'dateTime'));
}

/** The IRI of the document that describes `thing` ({instanceBase}doc/… for {instanceBase}id/…), or undefined for terms. */
export function documentIriOf(thing: string, config: IriConfig): string | undefined {
  const things = `${config.instanceBase}id/`;
  return thing.startsWith(things) ? `${config.instanceBase}doc/${thing.slice(things.length)}` : undefined;
}

/** Triples about the /doc/ document of `thing`, given the quads of its description (their graphs are its sources). */
export function instanceDocumentMetadata(thing: string, described: Quad[], config: IriConfig, changedAt: Date): Quad[] {
  const doc = documentIriOf(thing, config);
  if (!doc) return [];
  const d = namedNode(doc);
  const facts = voidFacts(config);
  const sources = [
    ...new Set(described.filter((q) => q.subject.value === thing && q.graph.termType === 'NamedNode').map((q) => q.graph.value)),
  ];
  return [
    quad(d, A, p('foaf', 'Document')),
    quad(d, p('foaf', 'primaryTopic'), namedNode(thing)),
    quad(d, p('dcterms', 'license'), namedNode(facts.license)),
    quad(d, p('dcterms', 'isPartOf'), namedNode(`${config.vocabBase}def/ggm/dataset`)),
    quad(d, p('dcterms', 'modified'), modifiedLiteral(changedAt)),
    ...sources.sort().map((g) => quad(d, p('dcterms', 'source'), namedNode(g))),
  ];
}

/** Dutch titles of the graphs the project publishes; other graphs are named by their path. */
function graphTitle(graph: string, config: IriConfig): string {
  const def = `${config.vocabBase}def/ggm/`;
  const titles: Record<string, string> = {
    [`${config.vocabBase}def/ggm`]: 'Gemeentelijk Gegevensmodel (GGM): ontologie',
    [`${def}codelijsten`]: 'GGM-codelijsten (SKOS)',
    [`${def}shapes`]: 'GGM SHACL-shapes',
    [`${def}mim`]: 'GGM in het MIM 1.2-vocabulaire',
    [`${def}alignments`]: 'GGM-alignementen met andere vocabulaires',
    [`${def}persoonsgegevens`]: 'GGM: welke klassen en eigenschappen persoonsgegevens zijn',
  };
  if (titles[graph]) return titles[graph];
  const demo = `${config.instanceBase}graph/demo`;
  if (graph === demo || graph.startsWith(`${demo}/`)) return `Demogemeente Lindewaard: ${graph.slice(demo.length + 1) || 'alle gegevens'}`;
  return `Graaf ${graph.replace(/^https?:\/\/[^/]+\//, '/')}`;
}

/** The ontology's publisher and source (the release it was compiled from), asked once per store version. */
async function ontologyFacts(store: SparqlStore, config: IriConfig): Promise<{ publisher?: string; derivedFrom?: string }> {
  const ontology = `${config.vocabBase}def/ggm`;
  const rows = await select(
    store,
    `SELECT ?publisher ?from WHERE { GRAPH ${sparqlIri(ontology)} { OPTIONAL { ${sparqlIri(ontology)} <${NS.dcterms}publisher> ?publisher } OPTIONAL { ${sparqlIri(ontology)} <${NS.prov}wasDerivedFrom> ?from } } } LIMIT 1`,
  );
  return { publisher: text(rows[0] ?? {}, 'publisher') || undefined, derivedFrom: text(rows[0] ?? {}, 'from') || undefined };
}

/** The publisher the compiled ontology names (dcterms:publisher), if any. */
export async function ontologyPublisher(store: SparqlStore, config: IriConfig): Promise<string | undefined> {
  return (await ontologyFacts(store, config)).publisher;
}

/**
 * A graph as a void:Dataset: title, licence, publisher, triple count, modified, source, dump links.
 * Vocabulary graphs (under {vocabBase}def/) come from the compiled release; instance graphs from the loaded data.
 */
export async function graphMetadata(store: SparqlStore, graph: GraphInfo, config: IriConfig, changedAt: Date): Promise<Quad[]> {
  const g = namedNode(graph.iri);
  const facts = voidFacts(config);
  const { publisher, derivedFrom } = await ontologyFacts(store, config);
  const vocabulary = graph.iri.startsWith(`${config.vocabBase}def/`);
  const path = graph.iri.replace(/^https?:\/\/[^/]+/, '');
  const served = (ext: string) =>
    namedNode(`${graph.iri.startsWith(config.vocabBase) ? config.vocabBase : config.instanceBase}${path.slice(1)}.${ext}`);
  const out: Quad[] = [
    quad(g, A, p('void', 'Dataset')),
    quad(g, p('dcterms', 'title'), literal(graphTitle(graph.iri, config), 'nl')),
    quad(g, p('dcterms', 'license'), namedNode(facts.license)),
    quad(g, p('void', 'triples'), literal(String(graph.triples), p('xsd', 'integer'))),
    quad(g, p('dcterms', 'modified'), modifiedLiteral(changedAt)),
    quad(g, p('dcterms', 'isPartOf'), namedNode(`${config.vocabBase}def/ggm/dataset`)),
    quad(g, p('void', 'sparqlEndpoint'), namedNode(facts.sparqlEndpoint)),
    ...FORMATS.filter((f) => f.mediaType !== 'text/html').map((f) => quad(g, p('void', 'dataDump'), served(f.extension))),
  ];
  if (publisher) out.push(quad(g, p('dcterms', 'publisher'), namedNode(publisher)));
  if (vocabulary) {
    out.push(quad(g, p('dcterms', 'source'), namedNode(facts.source)));
    if (derivedFrom) out.push(quad(g, p('prov', 'wasDerivedFrom'), namedNode(derivedFrom)));
  }
  return out;
}
