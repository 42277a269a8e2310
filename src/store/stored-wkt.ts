/**
 * GeoSPARQL WKT literals on a store that does not keep them as written.
 *
 * Virtuoso 7 (7.2.5, as Debian ships it) casts every geo:wktLiteral into its
 * own virtrdf:Geometry: the datatype comes back as virtrdf:Geometry, the text
 * is rewritten (", " becomes ",", WGS84 coordinates become single-precision
 * floats), and a literal starting with a CRS IRI ("<http://www.opengis.net/
 * def/crs/EPSG/0/28992> POINT(…)", as GeoSPARQL prescribes for RD New) or a
 * LINESTRING / POLYGON / MULTI… in RD coordinates without an EWKT "SRID=…;" is
 * refused ("RDFGE: RDF box with a geometry RDF type and a non-geometry
 * content"), in SPARQL Update, the Graph Store Protocol and the bulk loader alike.
 *
 * On such a store the remote store keeps these literals under the private
 * datatype STORED_WKT_LITERAL (same text, which every store keeps as it is) and
 * translates at the border: geo:wktLiteral in queries and updates becomes
 * STORED_WKT_LITERAL, and STORED_WKT_LITERAL in answers becomes geo:wktLiteral
 * again. Clients see standard GeoSPARQL, identical to the embedded store; the
 * published files are unchanged. STORED_WKT_LITERAL is reserved for this.
 */
import sparqljs from 'sparqljs';

export const WKT_LITERAL = 'http://www.opengis.net/ont/geosparql#wktLiteral';
export const STORED_WKT_LITERAL = 'urn:x-ggm:stored-wkt';

/** A WKT literal in RD New, as the demo data writes them: the probe of whether a store keeps such literals. */
export const PROBE_WKT = '<http://www.opengis.net/def/crs/EPSG/0/28992> POINT(85000 446000)';
export const PROBE_QUERY = `SELECT ?w WHERE { BIND(STRDT("${PROBE_WKT}", <${WKT_LITERAL}>) AS ?w) }`;

/** Whether the probe's JSON answer gives the literal back as written (datatype and text). */
export function probeKeepsWkt(json: string): boolean {
  try {
    const w = (JSON.parse(json) as { results?: { bindings?: Array<{ w?: { value?: string; datatype?: string } }> } }).results?.bindings?.[0]
      ?.w;
    return w?.value === PROBE_WKT && w.datatype === WKT_LITERAL;
  } catch {
    return false;
  }
}

/** An N-Triples object term as stored: a geo:wktLiteral gets the stored datatype. */
export function storedObject(term: string): string {
  return term.endsWith(`"^^<${WKT_LITERAL}>`) ? `${term.slice(0, -WKT_LITERAL.length - 2)}<${STORED_WKT_LITERAL}>` : term;
}

/** An answer of the store (any format) as clients see it: the stored datatype becomes geo:wktLiteral. */
export function fromStored(body: string): string {
  return body.includes(STORED_WKT_LITERAL) ? body.replaceAll(STORED_WKT_LITERAL, WKT_LITERAL) : body;
}

type Node = Record<string, unknown>;

function translate(node: unknown): { node: unknown; changed: boolean } {
  if (Array.isArray(node)) {
    let changed = false;
    const out = node.map((n) => {
      const t = translate(n);
      changed ||= t.changed;
      return t.node;
    });
    return { node: changed ? out : node, changed };
  }
  if (!node || typeof node !== 'object') return { node, changed: false };
  const o = node as Node;
  if (o.termType === 'NamedNode' && o.value === WKT_LITERAL)
    return { node: { termType: 'NamedNode', value: STORED_WKT_LITERAL }, changed: true };
  if (o.termType === 'Literal') {
    const datatype = o.datatype as Node | undefined;
    if (datatype?.value !== WKT_LITERAL) return { node, changed: false };
    return {
      node: { termType: 'Literal', value: o.value, language: '', datatype: { termType: 'NamedNode', value: STORED_WKT_LITERAL } },
      changed: true,
    };
  }
  if (o.termType) return { node, changed: false };
  let changed = false;
  const out: Node = {};
  for (const [k, v] of Object.entries(o)) {
    const t = translate(v);
    changed ||= t.changed;
    out[k] = t.node;
  }
  return { node: changed ? out : node, changed };
}

/**
 * A query or update as sent to the store: every geo:wktLiteral IRI (datatype
 * or IRI, however written: full, prefixed, relative to BASE) becomes the stored
 * datatype. Text that cannot name the IRI, or that sparqljs does not parse, is
 * sent as it is.
 */
export function toStored(text: string): string {
  // The IRI can only be written with "wktLiteral" or "geosparql" in the text, or with \u escapes.
  if (!/wktLiteral|geosparql|\\[uU]/.test(text)) return text;
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser().parse(text);
  } catch {
    return text;
  }
  const { node, changed } = translate(parsed);
  return changed ? new sparqljs.Generator().stringify(node as sparqljs.SparqlQuery) : text;
}
