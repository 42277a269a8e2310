/**
 * Quads → the bytes of one RDF format. Output is deterministic: quads are
 * sorted, so the same description always gives the same bytes (and ETag).
 */
import { DataFactory, Writer, type Quad } from 'n3';
import oxigraph from 'oxigraph';
import type { Format } from './formats.js';
import { writeJsonld } from './jsonld-writer.js';
import { relabelBlankNodes } from './blank-node-labels.js';

export interface SerializeOptions {
  prefixes: Record<string, string>;
  /** The JSON-LD context (prefix → namespace) that JSON-LD documents carry and are compacted with. */
  jsonldContext: Record<string, string>;
}

function termKey(t: Quad['subject'] | Quad['object'] | Quad['graph']): string {
  return t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `${t.termType[0]}${t.value}`;
}

/** Sorted triples, duplicates (the same triple from several graphs) once, all in the default graph. */
function sortTriples(quads: Quad[]): Quad[] {
  const seen = new Map<string, Quad>();
  for (const q of quads) {
    const out = DataFactory.quad(q.subject, q.predicate, q.object);
    const key = `${termKey(out.subject)} ${out.predicate.value} ${termKey(out.object)} ${termKey(out.graph)}`;
    if (!seen.has(key)) seen.set(key, out);
  }
  return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, q]) => q);
}

function writeN3(quads: Quad[], format: string, prefixes?: Record<string, string>): string {
  const writer = new Writer({ format, prefixes });
  writer.addQuads(quads);
  let out = '';
  writer.end((error: Error | null, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

const SKOLEM = 'urn:x-ggm-blank-node:';

/**
 * RDF/XML through Oxigraph's writer. Oxigraph gives loaded blank nodes fresh
 * random ids, so blank nodes pass through as IRIs and are turned back into
 * rdf:nodeID with stable labels: the same quads always give the same bytes.
 */
function writeRdfXml(quads: Quad[]): string {
  const labels = new Map<string, string>();
  const skolem = <T extends Quad['subject'] | Quad['object']>(t: T): T | ReturnType<typeof DataFactory.namedNode> => {
    if (t.termType !== 'BlankNode') return t;
    let label = labels.get(t.value);
    if (label === undefined) labels.set(t.value, (label = `b${labels.size}`));
    return DataFactory.namedNode(`${SKOLEM}${label}`);
  };
  const triples = quads.map((q) => DataFactory.quad(skolem(q.subject) as Quad['subject'], q.predicate, skolem(q.object) as Quad['object']));
  const store = new oxigraph.Store();
  if (triples.length > 0) store.load(writeN3(triples, 'N-Triples'), { format: 'application/n-triples' });
  const xml = store.dump({ format: 'application/rdf+xml', from_graph_name: oxigraph.defaultGraph() });
  return xml.replace(/rdf:(about|resource)="urn:x-ggm-blank-node:(b[0-9]+)"/g, 'rdf:nodeID="$2"');
}

/** Only the prefixes whose namespace the quads use, so documents do not open with a wall of unused prefixes. */
function usedPrefixes(quads: Quad[], prefixes: Record<string, string>): Record<string, string> {
  const namespaces = new Set<string>();
  const note = (t: Quad['subject'] | Quad['predicate'] | Quad['object'] | Quad['graph']) => {
    const iri = t.termType === 'NamedNode' ? t.value : t.termType === 'Literal' ? t.datatype.value : undefined;
    if (iri) namespaces.add(iri.replace(/[^/#]*$/, ''));
  };
  for (const q of quads) {
    note(q.subject);
    note(q.predicate);
    note(q.object);
    note(q.graph);
  }
  return Object.fromEntries(Object.entries(prefixes).filter(([, ns]) => [...namespaces].some((n) => n.startsWith(ns))));
}

export async function serialize(quads: Quad[], format: Format, options: SerializeOptions): Promise<string> {
  // A document is one graph: its triples sit in the default graph of TriG and N-Quads too, where
  // clients that ask for quads first (Comunica, link traversal) query them; the graphs they
  // come from are named by the document's provenance triples, not by quads.
  const sorted = sortTriples(relabelBlankNodes(quads));
  switch (format.mediaType) {
    case 'text/turtle':
      return writeN3(sorted, 'Turtle', usedPrefixes(sorted, options.prefixes));
    case 'application/trig':
      return writeN3(sorted, 'TriG', usedPrefixes(sorted, options.prefixes));
    case 'application/n-triples':
      return writeN3(sorted, 'N-Triples');
    case 'application/n-quads':
      return writeN3(sorted, 'N-Quads');
    case 'application/rdf+xml':
      return writeRdfXml(sorted);
    case 'application/ld+json':
      return writeJsonld(sorted, options.jsonldContext);
    default:
      throw new Error(`no serialiser for ${format.mediaType}`);
  }
}
