/**
 * /zoeken?q=…: find classes, properties, code lists and values by label.
 * A plain GET form, so it works without JavaScript.
 */
import { NS } from '../../iri/index.js';
import type { SparqlStore } from '../../store/types.js';
import { select, sparqlString, text } from '../store-query.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, tableRegion } from './layout.js';

export interface SearchHit {
  iri: string;
  label: string;
  type?: string;
}

export async function search(store: SparqlStore, q: string): Promise<SearchHit[]> {
  const needle = q.trim().toLowerCase().slice(0, 200);
  if (needle === '') return [];
  const rows = await select(
    store,
    `SELECT ?x (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {
      GRAPH ?g { ?x <${NS.rdfs}label>|<${NS.skos}prefLabel> ?l . OPTIONAL { ?x a ?t } }
      FILTER(isIRI(?x) && CONTAINS(LCASE(STR(?l)), ${sparqlString(needle)}))
    } GROUP BY ?x ORDER BY STRLEN(STR(?label)) ?label LIMIT 200`,
  );
  return rows.map((r) => ({ iri: text(r, 'x'), label: text(r, 'label'), type: text(r, 'type') || undefined }));
}

export function renderSearchPage(q: string, hits: SearchHit[], ctx: LinkContext): Html {
  const body = html`<form class="search" method="get" action="/zoeken" role="search"><input type="search" name="q" value="${q}" aria-label="Zoekterm" placeholder="bijvoorbeeld: zaak, perceel, afvalcontainer"><button type="submit">Zoeken</button></form>
${
  q.trim() === ''
    ? ''
    : hits.length === 0
      ? html`<p>Niets gevonden voor <strong>${q}</strong>.</p>`
      : html`<p>${hits.length}${hits.length === 200 ? '+' : ''} resultaten voor <strong>${q}</strong>.</p>${tableRegion(
          'Tabel: zoekresultaten',
          html`<table class="grid"><thead><tr><th>Naam</th><th>Soort</th></tr></thead><tbody>${hits.map(
            (h) => html`<tr><td>${iriLink(h.iri, ctx, h.label)}</td><td>${h.type ? iriLink(h.type, ctx) : ''}</td></tr>`,
          )}</tbody></table>`,
        )}`
}`;
  return layout({ title: 'Zoeken', body });
}
