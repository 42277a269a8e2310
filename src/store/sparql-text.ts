/**
 * IRIs and strings written into SPARQL text: the one place that does it, for the
 * queries the service builds (server/), the updates the store layer sends
 * (replacing a graph on a remote store or in the embedded one) and the CLI
 * (`ggm publish --graph`, `ggm validate --graph`).
 *
 * An IRI goes into SPARQL as an IRIREF, `<…>`, which cannot hold spaces, control
 * characters or any of `<>"{}|^`\`. Such an IRI is refused, never patched: a graph
 * name such as `http://x/g> } ; DROP ALL ; INSERT DATA { GRAPH <http://x/h` would
 * otherwise close the IRI and add its own operations to an update.
 */
import { GgmError } from '../core/errors.js';

/** Characters an IRIREF of the SPARQL grammar cannot hold (and no IRI has). */
const NOT_IN_IRIREF = /[\u0000-\u0020<>"{}|^`\\]/;

/** A string that is not an IRI where one is needed (400 when it came from a request). */
export class InvalidIriError extends GgmError {
  constructor(readonly iri: string) {
    super(400, 'invalid-iri', `not a valid IRI: ${JSON.stringify(iri)} (no spaces, control characters or <>"{}|^\`\\)`);
    this.name = 'InvalidIriError';
  }
}

/** Whether the string can be written as `<iri>` in SPARQL (and in Turtle/N-Triples) unchanged. */
export function isIriRef(iri: string): boolean {
  return !NOT_IN_IRIREF.test(iri);
}

/** Whether the string is an IRI with a scheme (`https:`, `urn:` …) that SPARQL can hold: what a graph name must be. */
export function isAbsoluteIri(iri: string): boolean {
  return isIriRef(iri) && /^[A-Za-z][A-Za-z0-9+.-]*:./.test(iri);
}

/** The IRI written for SPARQL text, `<iri>`; InvalidIriError for what cannot be one. */
export function sparqlIri(iri: string): string {
  if (!isIriRef(iri)) throw new InvalidIriError(iri);
  return `<${iri}>`;
}

/** A graph name written for SPARQL text: an absolute IRI, else InvalidIriError. */
export function sparqlGraph(graph: string): string {
  if (!isAbsoluteIri(graph)) throw new InvalidIriError(graph);
  return `<${graph}>`;
}
