/**
 * Quads → JSON-LD in flattened, compacted form: one node object per subject,
 * properties and IRIs written as compact IRIs of the published context
 * (ggm:Zaak, rdfs:label), plain strings as JSON strings, named graphs as
 * @graph containers. Written directly, because general-purpose compaction
 * takes minutes on a whole ontology graph.
 */
import type { Quad } from 'n3';
import { NS } from '../iri/index.js';

type Term = Quad['subject'] | Quad['object'] | Quad['graph'];
type NodeObject = Record<string, unknown>;

const XSD_STRING = `${NS.xsd}string`;
const RDF_LANG_STRING = `${NS.rdf}langString`;
const RDF_TYPE = `${NS.rdf}type`;

export function writeJsonld(quads: Quad[], context: Record<string, string>): string {
  const entries = Object.entries(context).sort((a, b) => b[1].length - a[1].length);
  const compact = (iri: string): string => {
    for (const [prefix, ns] of entries) {
      if (iri.startsWith(ns) && iri.length > ns.length) {
        const local = iri.slice(ns.length);
        // A suffix starting with "//" would read as an absolute IRI; keep those in full.
        if (!local.startsWith('//')) return `${prefix}:${local}`;
      }
    }
    return iri;
  };
  const id = (t: Term): string => (t.termType === 'BlankNode' ? `_:${t.value}` : compact(t.value));
  const value = (t: Quad['object']): unknown => {
    if (t.termType !== 'Literal') return { '@id': id(t) };
    if (t.language) return { '@value': t.value, '@language': t.language };
    if (t.datatype.value === XSD_STRING) return t.value;
    if (t.datatype.value === RDF_LANG_STRING) return { '@value': t.value };
    return { '@value': t.value, '@type': compact(t.datatype.value) };
  };
  const graphs = new Map<string, Map<string, NodeObject>>();
  for (const q of quads) {
    const g = q.graph.termType === 'DefaultGraph' ? '' : id(q.graph);
    let nodes = graphs.get(g);
    if (!nodes) graphs.set(g, (nodes = new Map<string, NodeObject>()));
    const s = id(q.subject);
    let node = nodes.get(s);
    if (!node) nodes.set(s, (node = { '@id': s }));
    if (q.predicate.value === RDF_TYPE && q.object.termType === 'NamedNode') {
      ((node['@type'] ??= []) as unknown[]).push(compact(q.object.value));
    } else {
      ((node[compact(q.predicate.value)] ??= []) as unknown[]).push(value(q.object));
    }
  }
  const nodeList = (nodes: Map<string, NodeObject> | undefined) => [...(nodes?.values() ?? [])];
  const top: unknown[] = nodeList(graphs.get(''));
  for (const [g, nodes] of graphs) {
    if (g !== '') top.push({ '@id': g, '@graph': nodeList(nodes) });
  }
  return `${JSON.stringify({ '@context': context, '@graph': top }, null, 1)}\n`;
}
