/**
 * /.well-known/void for a browser: the VoID description of the dataset as a
 * page — what the dataset is, where its SPARQL endpoint is, its graphs with
 * their sizes — with the same description in every RDF format to download.
 */
import type { GraphInfo } from '../../store/types.js';
import { FORMATS } from '../formats.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';

export interface VoidFacts {
  title: string;
  source: string;
  license: string;
  sparqlEndpoint: string;
  uriSpace: string;
  vocabulary: string;
}

export function renderVoidPage(facts: VoidFacts, graphs: GraphInfo[], ctx: LinkContext): Html {
  const total = graphs.reduce((n, g) => n + g.triples, 0);
  const nl = (n: number) => n.toLocaleString('nl-NL');
  const body = html`<p class="lead">
      De VoID-beschrijving (Vocabulary of Interlinked Datasets) van deze dataset: wat er gepubliceerd wordt, waar het SPARQL-endpoint staat
      en welke grafen er zijn. Programma's vragen dezelfde beschrijving op als RDF (zie de downloads).
    </p>
    <dl class="summary">
      <dt>Titel</dt>
      <dd>${facts.title}</dd>
      <dt>Bron</dt>
      <dd>${iriLink(facts.source, ctx, facts.source)}</dd>
      <dt>Licentie</dt>
      <dd>${iriLink(facts.license, ctx, 'EUPL-1.2')}</dd>
      <dt>SPARQL-endpoint</dt>
      <dd><a href="/sparql">${facts.sparqlEndpoint}</a></dd>
      <dt>URI-ruimte</dt>
      <dd><code class="iri">${facts.uriSpace}</code></dd>
      <dt>Vocabulaire</dt>
      <dd>${iriLink(facts.vocabulary, ctx, facts.vocabulary)}</dd>
      <dt>Triples</dt>
      <dd>${nl(total)}</dd>
    </dl>
    ${section(
      'deelverzamelingen',
      'Grafen (void:subset)',
      graphs.length
        ? tableRegion(
            'Tabel: grafen',
            html`<table class="grid">
              <thead>
                <tr>
                  <th scope="col">Graaf</th>
                  <th scope="col">Triples</th>
                </tr>
              </thead>
              <tbody>
                ${graphs.map(
                  (g) =>
                    html`<tr>
                      <td>${iriLink(g.iri, ctx, g.iri)}</td>
                      <td class="num">${nl(g.triples)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
          )
        : html`<p>De store is leeg.</p>`,
      graphs.length,
    )}
    <section class="downloads" aria-labelledby="downloads">
      <h2 id="downloads">Downloads</h2>
      <ul>
        ${FORMATS.filter((f) => f.extension !== 'html').map(
          (f) =>
            html`<li>
              <a href="${`/.well-known/void?format=${f.extension}`}" type="${f.mediaType}">${f.label}</a>
              <span class="mediatype">${f.mediaType}</span>
            </li>`,
        )}
      </ul>
    </section>`;
  return layout({ title: 'Beschrijving van de dataset (VoID)', kind: 'VoID', body });
}
