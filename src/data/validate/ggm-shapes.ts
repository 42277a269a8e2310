// The GGM shapes as the project validates with them: shapes/ggm-shapes.ttl plus
// the ontology's rdfs:subClassOf axioms, which sh:class needs in the data graph.
import path from 'node:path';
import type { Quad } from '@rdfjs/types';
import { parseRdfFile } from './parse.js';

export interface GgmShapes {
  shapes: Quad[];
  /** The rdfs:subClassOf triples of ontology/ggm.ttl: add them to every data graph (or batch). */
  hierarchy: Quad[];
}

export async function loadGgmShapes(root: string, shapesFile = path.join(root, 'shapes/ggm-shapes.ttl')): Promise<GgmShapes> {
  const [shapes, ontology] = await Promise.all([parseRdfFile(shapesFile), parseRdfFile(path.join(root, 'ontology/ggm.ttl'))]);
  return { shapes, hierarchy: ontology.filter((q) => q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#subClassOf') };
}
