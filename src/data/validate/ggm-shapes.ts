// The GGM shapes as the project validates with them: shapes/ggm-shapes.ttl plus
// the ontology's rdfs:subClassOf axioms, which sh:class needs in the data graph;
// under the configured vocabulary base (the files are written with the default).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Quad } from '@rdfjs/types';
import { DEFAULT_INSTANCE_BASE, DEFAULT_VOCAB_BASE, rebase, type IriConfig } from '../../iri/index.js';
import { parseRdfFile, parseRdfText } from './parse.js';

export interface GgmShapes {
  shapes: Quad[];
  /** The rdfs:subClassOf triples of ontology/ggm.ttl: add them to every data graph (or batch). */
  hierarchy: Quad[];
}

export interface GgmShapesOptions {
  /** Another shapes file (default {root}/shapes/ggm-shapes.ttl). */
  shapesFile?: string;
  /** The bases the data uses: the shapes and the hierarchy are rebased to them (default: the default bases). */
  iri?: IriConfig;
}

async function turtle(file: string, iri: IriConfig | undefined): Promise<Quad[]> {
  if (!iri || (iri.vocabBase === DEFAULT_VOCAB_BASE && iri.instanceBase === DEFAULT_INSTANCE_BASE)) return parseRdfFile(file);
  return parseRdfText(rebase(await readFile(file, 'utf8'), iri), 'text/turtle', pathToFileURL(path.resolve(file)).href, file);
}

export async function loadGgmShapes(root: string, options: GgmShapesOptions = {}): Promise<GgmShapes> {
  const shapesFile = options.shapesFile ?? path.join(root, 'shapes/ggm-shapes.ttl');
  const [shapes, ontology] = await Promise.all([turtle(shapesFile, options.iri), turtle(path.join(root, 'ontology/ggm.ttl'), options.iri)]);
  return { shapes, hierarchy: ontology.filter((q) => q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#subClassOf') };
}
