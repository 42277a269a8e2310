/**
 * SPARQL 1.1 Service Description of the endpoint (sd:Service): endpoint,
 * languages, result formats, features and the default dataset with its named
 * graphs and their sizes. Written as Turtle; other RDF formats are converted
 * by Oxigraph. All nodes are IRIs under the endpoint, so output is stable.
 */
import oxigraph from 'oxigraph';
import type { GraphInfo } from '../../store/types.js';

export interface ServiceFeatures {
  endpoint: string;
  updates: boolean;
  federation: boolean;
  /** The default graph is the union of all graphs. */
  unionDefaultGraph: boolean;
  graphs: GraphInfo[];
}

const FORMATS = [
  'SPARQL_Results_JSON',
  'SPARQL_Results_XML',
  'SPARQL_Results_CSV',
  'SPARQL_Results_TSV',
  'Turtle',
  'N-Triples',
  'JSON-LD',
  'RDF_XML',
  'TriG',
  'N-Quads',
];

const iri = (value: string) =>
  `<${value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;

export function serviceDescriptionTurtle(f: ServiceFeatures): string {
  const at = (fragment: string) => iri(`${f.endpoint}#${fragment}`);
  const languages = ['sd:SPARQL11Query', ...(f.updates ? ['sd:SPARQL11Update'] : [])];
  // no sd:EmptyGraphs: the in-memory engine forgets a named graph once it is empty
  const features = [...(f.federation ? ['sd:BasicFederatedQuery'] : []), ...(f.unionDefaultGraph ? ['sd:UnionDefaultGraph'] : [])];
  const graphs = [...f.graphs].sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
  const lines = [
    '@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .',
    '@prefix formats: <http://www.w3.org/ns/formats/> .',
    '@prefix void: <http://rdfs.org/ns/void#> .',
    '',
    `${at('service')} a sd:Service ;`,
    `  sd:endpoint ${iri(f.endpoint)} ;`,
    `  sd:supportedLanguage ${languages.join(', ')} ;`,
    `  sd:resultFormat ${FORMATS.map((x) => `formats:${x}`).join(', ')} ;`,
    ...(features.length ? [`  sd:feature ${features.join(', ')} ;`] : []),
    `  sd:defaultDataset ${at('dataset')} .`,
    '',
    `${at('dataset')} a sd:Dataset ;`,
    `  sd:defaultGraph ${at('default-graph')}${graphs.length ? ' ;' : ' .'}`,
    ...graphs.map((g, i) => `  sd:namedGraph ${at(`named-graph-${i + 1}`)}${i === graphs.length - 1 ? ' .' : ' ;'}`),
    '',
    `${at('default-graph')} a sd:Graph .`,
    ...graphs.flatMap((g, i) => [
      `${at(`named-graph-${i + 1}`)} a sd:NamedGraph ; sd:name ${iri(g.iri)} ; sd:graph ${at(`graph-${i + 1}`)} .`,
      `${at(`graph-${i + 1}`)} a sd:Graph ; void:triples ${g.triples} .`,
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

export function serviceDescription(f: ServiceFeatures, mediaType: string): string {
  const turtle = serviceDescriptionTurtle(f);
  if (mediaType === 'text/turtle') return turtle;
  const store = new oxigraph.Store();
  store.load(turtle, { format: 'text/turtle' });
  return store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() });
}
