/**
 * Secure by default: which access policy is in force, decided at start-up
 * once the published files are loaded, and said in the log.
 *
 *  - With a policy file (`--access`): that policy. Graphs it makes public that
 *    hold personal instances and are not synthetic are named in a warning.
 *  - Without one, the built-in default: everything is public (the vocabulary,
 *    the synthetic demo, data without personal instances) except the graphs
 *    that are not synthetic and hold personal instances (instances of the
 *    classes in ontology/persoonsgegevens.ttl) or are `…/persoonsgegevens`
 *    graphs: those are never served anonymously. The update credential
 *    (`GGM_UPDATE_CREDENTIAL`), if any, reads and writes every graph.
 *
 * A graph is synthetic when the file it was loaded from says so in its first
 * line, as `ggm demo` writes it ("… synthetische gegevens …").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SparqlStore } from '../../store/types.js';
import { isPersonalGraph, personalClassesOfOntology } from '../../data/personal-placement.js';
import type { LoadedGraph } from '../published-graphs.js';
import { select, sparqlIri } from '../store-query.js';
import { isPublic, type AccessPolicy } from './policy.js';

/** The words `ggm demo` writes in the first line of a generated file (src/data/demo/index.ts). */
export const SYNTHETIC_MARK = 'synthetische gegevens';
/** The role the update credential has under the built-in default. */
export const DEFAULT_WRITER_ROLE = 'beheerder';

export interface PolicyInForce {
  /** The policy to enforce; undefined: everything is public (nothing personal outside the synthetic data). */
  policy?: AccessPolicy;
  /** What is in force, in one sentence for the log. */
  description: string;
  /** `file` or `built-in default`. */
  source: 'file' | 'built-in default';
  /** Graphs holding personal instances that are not synthetic. */
  personalGraphs: string[];
  /** Of those, the ones anonymous callers can read (only under a policy file that says so). */
  publicPersonalGraphs: string[];
}

/** Whether the file a graph came from is synthetic (its first line carries the demo's mark). */
function syntheticFile(file: string, cache: Map<string, boolean>): boolean {
  let s = cache.get(file);
  if (s === undefined) {
    let head = '';
    try {
      head = readFileSync(file, 'utf8').slice(0, 400).split('\n', 1)[0] ?? '';
    } catch {
      head = '';
    }
    s = head.startsWith('#') && head.includes(SYNTHETIC_MARK);
    cache.set(file, s);
  }
  return s;
}

/** The named graphs holding an instance of one of the classes. */
export async function graphsWithInstancesOf(store: SparqlStore, classIris: Iterable<string>): Promise<string[]> {
  const values = [...classIris].map(sparqlIri).join(' ');
  if (values === '') return [];
  const rows = await select(store, `SELECT DISTINCT ?g WHERE { VALUES ?c { ${values} } GRAPH ?g { ?s a ?c } }`);
  return rows.map((r) => r.g?.value).filter((g): g is string => g !== undefined);
}

/** Without ontology/persoonsgegevens.ttl: the graphs holding an instance of NatuurlijkPersoon or a subclass (by the loaded ontology). */
async function graphsWithNaturalPersons(store: SparqlStore, vocabularyPrefix: string): Promise<string[]> {
  const np = sparqlIri(`${vocabularyPrefix}ggm/NatuurlijkPersoon`);
  const rows = await select(
    store,
    `SELECT DISTINCT ?g WHERE { { SELECT DISTINCT ?c WHERE { GRAPH ?o { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ${np} } } } GRAPH ?g { ?s a ?c } }`,
  );
  return rows.map((r) => r.g?.value).filter((g): g is string => g !== undefined);
}

/**
 * Decide the policy in force. `personalOntology` is the published ontology/persoonsgegevens.ttl
 * (rebased to the service's vocabulary base by the caller); without it, the classes under
 * NatuurlijkPersoon in the loaded ontology tell personal instances.
 */
export async function policyInForce(options: {
  store: SparqlStore;
  loaded: LoadedGraph[];
  policy?: AccessPolicy;
  personalOntology?: { text: string; ggmNamespace: string };
  vocabularyPrefix: string;
  updateCredential?: string;
}): Promise<PolicyInForce> {
  const synthetic = new Set<string>();
  const cache = new Map<string, boolean>();
  for (const g of options.loaded) if (syntheticFile(g.file, cache)) synthetic.add(g.graph);
  const classes = options.personalOntology
    ? personalClassesOfOntology(options.personalOntology.text, options.personalOntology.ggmNamespace)
    : undefined;
  const dataGraphs = [...new Set(options.loaded.map((g) => g.graph))].filter((g) => !g.startsWith(options.vocabularyPrefix));
  const holding = new Set(
    classes ? await graphsWithInstancesOf(options.store, classes) : await graphsWithNaturalPersons(options.store, options.vocabularyPrefix),
  );
  const personalGraphs = [...new Set([...holding, ...dataGraphs.filter(isPersonalGraph)])].filter((g) => !synthetic.has(g)).sort();

  if (options.policy) {
    const open = personalGraphs.filter((g) => isPublic(options.policy!, g));
    return {
      policy: options.policy,
      source: 'file',
      description: `access policy ${options.policy.file}: ${options.policy.publicGraphs.length} public and ${options.policy.restrictedGraphs.length} restricted graph patterns, unlisted graphs ${options.policy.defaultPublic ? 'public' : 'restricted'}, roles ${[...options.policy.roles.keys()].join(', ') || 'none'}`,
      personalGraphs,
      publicPersonalGraphs: open,
    };
  }
  const describe = (extra: string) =>
    `built-in default policy (no --access): the vocabulary, the synthetic demo (${synthetic.size} graphs) and data without personal instances are public; ${extra}`;
  if (personalGraphs.length === 0)
    return {
      source: 'built-in default',
      description: describe('no other graph holds personal instances'),
      personalGraphs,
      publicPersonalGraphs: [],
    };
  const policy: AccessPolicy = {
    file: 'built-in default',
    // The synthetic demo's own personal graphs stay open (exact IRIs: a …/persoonsgegevens graph opens no other way).
    publicGraphs: [...synthetic].filter(isPersonalGraph).sort(),
    restrictedGraphs: personalGraphs,
    defaultPublic: true,
    roles: new Map([[DEFAULT_WRITER_ROLE, { read: ['*'], write: ['*'] }]]),
    credentials: options.updateCredential
      ? [{ hash: createHash('sha256').update(options.updateCredential, 'utf8').digest(), role: DEFAULT_WRITER_ROLE }]
      : [],
    unsetVariables: [],
  };
  return {
    policy,
    source: 'built-in default',
    description: describe(
      `${personalGraphs.length} graph(s) holding personal instances are restricted (not served anonymously${options.updateCredential ? '; the update credential reads them' : ''}): ${personalGraphs.join(', ')}`,
    ),
    personalGraphs,
    publicPersonalGraphs: [],
  };
}
