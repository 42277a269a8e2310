/**
 * Loads what the project publishes into the store at start-up, one named
 * graph per file: ontology/ggm.ttl → …/def/ggm, ontology/ggm-mim.ttl →
 * …/def/ggm/mim, ontology/{name}.ttl → …/def/ggm/{name} (codelijsten,
 * alignments …), shapes/ggm-shapes.ttl → …/def/ggm/shapes, data/{name}.ttl →
 * {instanceBase}graph/{name}; TriG and N-Quads files keep their own graphs.
 *
 * Files are written with the default bases; when the service runs with other
 * bases (--vocab-base, --instance-base) the IRIs are rebased on loading.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { DataFactory, Parser, Writer, type Quad } from 'n3';
import { ggmNamespaces, rebase, type IriConfig } from '../iri/index.js';
import type { RdfMediaType, SparqlStore } from '../store/types.js';

export interface LoadedGraph {
  graph: string;
  file: string;
  triples: number;
  ms: number;
}

/** A published file that could not be loaded (served without it only when asked: `serve --skip-broken-data`). */
export interface BrokenFile {
  file: string;
  /** The graphs it would have filled. */
  graphs: string[];
  /** What is wrong, starting with file:line where the parser tells the line. */
  error: string;
}

/** "file:line: message" when the message names a line, else "file: message". */
function fileError(file: string, message: string): string {
  const line = /\bline (\d+)/i.exec(message)?.[1];
  return `${file}${line ? `:${line}` : ''}: ${message}`;
}

const MEDIA_TYPES: Record<string, RdfMediaType> = {
  ttl: 'text/turtle',
  nt: 'application/n-triples',
  rdf: 'application/rdf+xml',
  owl: 'application/rdf+xml',
  jsonld: 'application/ld+json',
  trig: 'application/trig',
  nq: 'application/n-quads',
};

interface PlannedFile {
  file: string;
  mediaType: RdfMediaType;
  /** Graph for the file's triples (TriG/N-Quads: for those in the default graph). */
  graph: string;
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesIn(path));
    else if (MEDIA_TYPES[name.replace(/.*\./, '')]) out.push(path);
  }
  return out;
}

function stem(file: string): string {
  return basename(file).replace(/\.[^.]+$/, '');
}

/** Which file goes into which graph. */
export function planGraphs(root: string, config: IriConfig): PlannedFile[] {
  const ns = ggmNamespaces(config.vocabBase);
  const plan: PlannedFile[] = [];
  const add = (file: string, graph: string) => plan.push({ file, mediaType: MEDIA_TYPES[file.replace(/.*\./, '')]!, graph });
  for (const file of filesIn(join(root, 'ontology'))) {
    const name = stem(file);
    add(file, name === 'ggm' ? ns.ontology : name === 'ggm-mim' ? ns.mimGraph : `${ns.ontology}/${name.replace(/^ggm-/, '')}`);
  }
  for (const file of filesIn(join(root, 'shapes'))) {
    const name = stem(file);
    add(file, name === 'ggm-shapes' ? ns.shapesGraph : `${ns.shapesGraph}/${name}`);
  }
  for (const file of filesIn(join(root, 'data'))) {
    const rel = relative(join(root, 'data'), file)
      .replace(/\.[^.]+$/, '')
      .split(/[\\/]/)
      .map(encodeURIComponent)
      .join('/');
    add(file, `${config.instanceBase}graph/${rel}`);
  }
  return plan;
}

function toNTriples(quads: Quad[]): string {
  const writer = new Writer({ format: 'N-Triples' });
  for (const q of quads) writer.addQuad(DataFactory.quad(q.subject, q.predicate, q.object));
  let out = '';
  writer.end((e: Error | null, r: string) => {
    if (e) throw e;
    out = r;
  });
  return out;
}

/**
 * Load every published file; each graph is replaced atomically. A file that does not load
 * throws (naming file and line), or — with `onBroken` — is reported there and left out.
 */
export async function loadPublishedGraphs(
  store: SparqlStore,
  root: string,
  config: IriConfig,
  report: (g: LoadedGraph) => void = () => {},
  onBroken?: (broken: BrokenFile) => void,
): Promise<LoadedGraph[]> {
  const loaded: LoadedGraph[] = [];
  for (const p of planGraphs(root, config)) {
    try {
      loaded.push(...(await loadFile(store, p, config, report)));
    } catch (e) {
      if (!onBroken) throw e;
      onBroken({ file: p.file, graphs: (e as { graphs?: string[] }).graphs ?? [p.graph], error: (e as Error).message });
    }
  }
  return loaded;
}

async function loadFile(store: SparqlStore, p: PlannedFile, config: IriConfig, report: (g: LoadedGraph) => void): Promise<LoadedGraph[]> {
  const loaded: LoadedGraph[] = [];
  const start = performance.now();
  const text = rebase(readFileSync(p.file, 'utf8'), config);
  const byGraph = new Map<string, { data: string; mediaType: RdfMediaType }>();
  if (p.mediaType === 'application/trig' || p.mediaType === 'application/n-quads') {
    let quads: Quad[];
    try {
      quads = new Parser({ format: p.mediaType, baseIRI: config.instanceBase }).parse(text);
    } catch (e) {
      throw new Error(fileError(p.file, (e as Error).message));
    }
    const groups = new Map<string, Quad[]>();
    for (const q of quads) {
      const g = q.graph.termType === 'DefaultGraph' ? p.graph : q.graph.value;
      const list = groups.get(g) ?? [];
      list.push(q);
      groups.set(g, list);
    }
    for (const [g, qs] of groups) byGraph.set(g, { data: toNTriples(qs), mediaType: 'application/n-triples' });
  } else {
    byGraph.set(p.graph, { data: text, mediaType: p.mediaType });
  }
  for (const [graph, { data, mediaType }] of byGraph) {
    let triples: number;
    try {
      triples = await store.replaceGraph(graph, data, mediaType);
    } catch (e) {
      throw Object.assign(new Error(fileError(p.file, `cannot load into graph <${graph}>: ${(e as Error).message}`)), {
        graphs: [...byGraph.keys()].filter((g) => !loaded.some((l) => l.graph === g)),
      });
    }
    const entry = { graph, file: p.file, triples, ms: Math.round(performance.now() - start) };
    loaded.push(entry);
    report(entry);
  }
  return loaded;
}
