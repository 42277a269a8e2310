/**
 * Where personal data goes: the one placement rule of the demo generator, the
 * importers (PostgreSQL, CSV) and `publish`.
 *
 * A personal instance is an instance of a personal class (model/personal.ts);
 * its instance IRI (`{instance-base}id/{type}/{ref}`, iri/) names its class, so
 * it is recognised by IRI alone while streaming. A triple whose subject or
 * object is a personal instance (or a node of one, such as its geometry
 * `…/id/leerling/7/…`) is personal data. Personal data never goes into a
 * public graph: it goes into the graph's personal companion
 * `{graph}/persoonsgegevens`, which every access policy treats as restricted
 * unless it names that exact graph as public (server/access/policy.ts).
 */
import N3 from 'n3';

/** What the check needs of a term and a quad (N3.js and RDF/JS terms alike). */
interface Term {
  termType: string;
  value: string;
}
interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
}
import { personalData } from '../model/personal.js';
import type { GgmModel } from '../model/types.js';
import { GgmIris, NS, instanceTypeSegment, mintNames, type IriConfig, type IriRegister } from '../iri/index.js';

const RDF_TYPE = `${NS.rdf}type`;

/** The suffix of the restricted graph that holds the personal triples of a graph. */
export const PERSONAL_GRAPH_SUFFIX = '/persoonsgegevens';

/** The restricted graph for the personal triples of `graph`. */
export function personalGraphOf(graph: string): string {
  return isPersonalGraph(graph) ? graph : `${graph}${PERSONAL_GRAPH_SUFFIX}`;
}

/** Whether a graph is a personal companion graph (restricted by every policy unless named exactly). */
export function isPersonalGraph(graph: string): boolean {
  return graph.endsWith(PERSONAL_GRAPH_SUFFIX);
}

/** Recognises personal instances by their IRIs. */
export class PersonalInstances {
  private readonly base: string;
  private readonly segments = new Set<string>();
  /** The IRIs of the personal classes. */
  readonly classIris = new Set<string>();

  constructor(model: GgmModel, iris: GgmIris) {
    this.base = `${iris.config.instanceBase}id/`;
    for (const guid of personalData(model).classes.keys()) {
      if (!iris.names.objecttype.has(guid)) continue;
      this.segments.add(instanceTypeSegment(iris.objecttypeLocal(guid)));
      this.classIris.add(iris.objecttype(guid));
    }
  }

  /** Whether an IRI (plain, or an N-Triples term `<…>`) is a personal instance or a node of one. */
  isPersonal(term: string): boolean {
    const v = term.charCodeAt(0) === 60 /* < */ ? term.slice(1, -1) : term;
    if (!v.startsWith(this.base)) return false;
    const end = v.indexOf('/', this.base.length);
    return this.segments.has(v.slice(this.base.length, end < 0 ? undefined : end));
  }
}

/**
 * The placement function: the graph a triple goes to. Terms are N-Triples terms or plain IRIs;
 * `graph` is where the caller would put it. `restricted(graph)` tells graphs that are restricted
 * already (their personal triples stay); by default every graph's personal triples move.
 */
export function personalPlacement(
  model: GgmModel,
  iris: GgmIris,
  restricted: (graph: string) => boolean = () => false,
): (subject: string, object: string, graph: string) => string {
  const instances = new PersonalInstances(model, iris);
  // Triples bound for the default graph (no --graph): their personal ones go to {instance-base}graph/persoonsgegevens.
  const fallback = `${iris.config.instanceBase}graph`;
  return (subject, object, graph) => {
    if (isPersonalGraph(graph) || (graph !== '' && restricted(graph))) return graph;
    return instances.isPersonal(subject) || instances.isPersonal(object) ? personalGraphOf(graph || fallback) : graph;
  };
}

/** The placement function of an importer (N-Quads sinks take it as `place`): from the model, the IRI bases and the register. */
export function importPlacement(model: GgmModel, config: IriConfig, register?: IriRegister): (subject: string, object: string, graph: string) => string {
  return personalPlacement(model, new GgmIris(config, mintNames(model, register), model.version));
}

/** The personal classes the published ontology/persoonsgegevens.ttl names (classes: local names without a dot). */
export function personalClassesOfOntology(turtle: string, ggmNamespace: string): Set<string> {
  const mark = `${ggmNamespace}betreftNatuurlijkPersoon`;
  const out = new Set<string>();
  for (const q of new N3.Parser({ format: 'text/turtle' }).parse(turtle)) {
    if (q.predicate.value !== mark || !q.subject.value.startsWith(ggmNamespace)) continue;
    if (!q.subject.value.slice(ggmNamespace.length).includes('.')) out.add(q.subject.value);
  }
  return out;
}

/**
 * The first triple of a data set that is personal data: its subject or object is typed (in the data)
 * with a personal class, or is an instance IRI of one (`…/id/{type}/…`, or a node below one).
 */
export async function firstPersonalTriple(
  quads: () => AsyncIterable<Quad> | Iterable<Quad>,
  classIris: Set<string>,
  ggmNamespace: string,
): Promise<{ triple: string; why: string } | undefined> {
  const segments = new Map<string, string>();
  for (const c of classIris) segments.set(instanceTypeSegment(c.slice(ggmNamespace.length)), c);
  const typed = new Map<string, string>();
  for await (const q of quads()) if (q.predicate.value === RDF_TYPE && classIris.has(q.object.value)) typed.set(q.subject.value, q.object.value);
  const classOf = (t: Term): string | undefined => {
    if (t.termType !== 'NamedNode') return undefined;
    const c = typed.get(t.value) ?? typed.get(t.value.slice(0, t.value.lastIndexOf('/')));
    if (c) return c;
    const m = /\/id\/([^/]+)\//.exec(t.value);
    return m ? segments.get(m[1]!) : undefined;
  };
  const term = (t: Term) => (t.termType === 'NamedNode' ? `<${t.value}>` : t.termType === 'Literal' ? JSON.stringify(t.value) : `_:${t.value}`);
  for await (const q of quads()) {
    const c = classOf(q.subject) ?? classOf(q.object);
    if (!c) continue;
    const who = classOf(q.subject) ? q.subject.value : q.object.value;
    return { triple: `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`, why: `<${who}> is a ${c.slice(ggmNamespace.length)} (ontology/persoonsgegevens.ttl)` };
  }
  return undefined;
}
