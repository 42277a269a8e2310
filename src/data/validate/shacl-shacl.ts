// validateShapesGraph(): checks a shapes graph against SHACL-for-SHACL
// (SHACL spec appendix C: w3c/shacl-shacl.ttl in the shared material).
import path from 'node:path';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { DataFactory, Store } from 'n3';
import type { PreparedShapes } from './engines.js';
import { parseRdfFile } from './parse.js';
import { asDataset } from './report.js';
import { defaultEngine, outcomeOf, type ValidateOptions, type ValidationOutcome } from './validate.js';

/** SHACL-for-SHACL (SHACL spec appendix C) in the shared material. */
export function defaultShaclShaclFile(sharedDir: string): string {
  return path.join(sharedDir, 'w3c', 'shacl-shacl.ttl');
}

const shaclShaclCache = new Map<string, Promise<PreparedShapes>>();

/**
 * Checks that a shapes graph is well-formed SHACL by validating it against
 * SHACL-for-SHACL. Long sh:in lists (the GGM's code lists: up to 539 values,
 * 25 670 in all) are checked here in linear time and handed to the engine as
 * one-member lists: shsh:ListShape's `rdf:rest*` path costs shacl-engine
 * quadratic time and memory (800 values: 4.8 s, 320 MB), and SHACL-for-SHACL
 * constrains nothing but the list structure of sh:in, so the outcome is the
 * same. Ill-formed lists are passed on unchanged, for the engine to report.
 */
export async function validateShapesGraph(
  shapes: DatasetCore | Quad[],
  options: ValidateOptions & { shaclShaclFile: string },
): Promise<ValidationOutcome> {
  const file = options.shaclShaclFile;
  const engine = options.engine ?? defaultEngine;
  const key = `${engine.name}\n${file}`;
  let prepared = shaclShaclCache.get(key);
  if (!prepared) {
    prepared = parseRdfFile(file).then((quads) => engine.prepare(new Store(quads)));
    prepared.catch(() => shaclShaclCache.delete(key));
    shaclShaclCache.set(key, prepared);
  }
  return outcomeOf(await (await prepared).validate(withShortInLists(asDataset(shapes))));
}

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const rdfFirst = DataFactory.namedNode(RDF + 'first');
const rdfRest = DataFactory.namedNode(RDF + 'rest');
const rdfNil = DataFactory.namedNode(RDF + 'nil');
const shIn = DataFactory.namedNode('http://www.w3.org/ns/shacl#in');

/** The list nodes of a well-formed RDF list (one rdf:first and one rdf:rest each, ending in rdf:nil, no cycle), else undefined. */
function wellFormedList(shapes: DatasetCore, head: Term): Term[] | undefined {
  const nodes: Term[] = [];
  const seen = new Set<string>();
  for (let node = head; !node.equals(rdfNil);) {
    if (node.termType !== 'BlankNode' || seen.has(node.value)) return undefined;
    seen.add(node.value);
    // (count by iterating: an N3.js match view's .size scans the whole predicate index)
    const firsts = [...shapes.match(node as Quad['subject'], rdfFirst)];
    const rests = [...shapes.match(node as Quad['subject'], rdfRest)];
    if (firsts.length !== 1 || rests.length !== 1) return undefined;
    nodes.push(node);
    node = rests[0]!.object;
  }
  return nodes;
}

function withShortInLists(shapes: DatasetCore): DatasetCore {
  const long = [...shapes.match(null, shIn)].filter((q) => (wellFormedList(shapes, q.object)?.length ?? 0) > 8);
  if (long.length === 0) return shapes;
  const copy = new Store([...(shapes as Iterable<Quad>)]);
  const replaced = new Map<string, Quad['object']>();
  for (const q of long) {
    let short = replaced.get(q.object.value);
    if (!short) {
      const nodes = wellFormedList(shapes, q.object)!;
      short = DataFactory.blankNode();
      copy.addQuad(DataFactory.quad(short, rdfFirst, [...shapes.match(nodes[0] as Quad['subject'], rdfFirst)][0]!.object));
      copy.addQuad(DataFactory.quad(short, rdfRest, rdfNil));
      for (const node of nodes) copy.removeQuads([...shapes.match(node as Quad['subject'])]);
      replaced.set(q.object.value, short);
    }
    copy.removeQuad(q);
    copy.addQuad(DataFactory.quad(q.subject, q.predicate, short, q.graph));
  }
  return copy;
}
