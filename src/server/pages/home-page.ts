/**
 * The home page: what the service publishes and where to find it.
 */
import type { GraphInfo } from '../../store/types.js';
import type { BrokenFile } from '../published-graphs.js';
import { html, type Html } from './html.js';
import { iriLink, type LinkContext } from './links.js';
import { layout, section, tableRegion } from './layout.js';

/** Published files left out at start-up (serve --skip-broken-data): which graphs are missing, and why. */
function brokenNotice(broken: BrokenFile[]): Html | string {
  if (!broken.length) return '';
  return html`<section class="notice" aria-labelledby="niet-geladen"><h2 id="niet-geladen">Niet geladen</h2><p>Deze bestanden konden bij het starten niet worden geladen; hun grafen ontbreken in de store:</p><ul>${broken.map(
    (b) => html`<li><code>${b.file}</code> (${b.graphs.map((g) => html`<code>${g}</code> `)}): ${b.error}</li>`,
  )}</ul></section>`;
}

export function renderHomePage(graphs: GraphInfo[], ctx: LinkContext, broken: BrokenFile[] = []): Html {
  const rows = graphs.map(
    (g) => html`<tr><td>${iriLink(g.iri, ctx, g.iri)}</td><td class="num">${g.triples.toLocaleString('nl-NL')}</td></tr>`,
  );
  const body = html`${brokenNotice(broken)}<p class="lead">Het Gemeentelijk Gegevensmodel (GGM) van Gemeente Delft als linked data: een OWL-ontologie, SHACL-shapes, SKOS-codelijsten en voorbeelddata. Elke IRI is op te vragen als webpagina of als RDF (Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads).</p>
<ul class="cards">
<li><a href="/def/ggm"><strong>Ontologie</strong><span>Klassen per domein, attributen en relaties</span></a></li>
<li><a href="/domeinen"><strong>Domeinen</strong><span>Beleidsdomeinen, domeinen en hun klassen, met diagrammen</span></a></li>
<li><a href="/termen"><strong>Termen A–Z</strong><span>Alle klassen, attributen, relaties en codelijsten op naam</span></a></li>
<li><a href="/def/ggm/codelijsten"><strong>Codelijsten</strong><span>Enumeraties als SKOS-begrippenkaders</span></a></li>
<li><a href="/def/ggm/shapes"><strong>SHACL-shapes</strong><span>Validatieregels per klasse</span></a></li>
<li><a href="/def/ggm/mim"><strong>MIM-model</strong><span>Het model in het MIM 1.2-vocabulaire</span></a></li>
<li><a href="/sparql"><strong>SPARQL</strong><span>Bevragen met SPARQL 1.1</span></a></li>
<li><a href="/queries"><strong>Vragen over domeinen heen</strong><span>Querybibliotheek voor analisten, direct uit te voeren</span></a></li>
<li><a href="/cross-domain"><strong>Relaties tussen domeinen</strong><span>Waar de GGM-domeinen elkaar raken</span></a></li>
<li><a href="/kwaliteit"><strong>Kwaliteitsrapport</strong><span>Wat in de GGM-bron te verbeteren is, per beleidsdomein en regel</span></a></li>
<li><a href="/.well-known/void"><strong>VoID</strong><span>Beschrijving van de dataset</span></a></li>
<li><a href="/def/ggm/context.jsonld"><strong>JSON-LD-context</strong><span>Prefixen voor JSON-LD</span></a></li>
<li><a href="/zoeken"><strong>Zoeken</strong><span>Op naam van klasse, attribuut of waarde</span></a></li>
</ul>
${section('grafen', 'Grafen in de store', rows.length ? tableRegion('Tabel: grafen', html`<table class="grid"><thead><tr><th>Graaf</th><th>Triples</th></tr></thead><tbody>${rows}</tbody></table>`) : html`<p>De store is leeg.</p>`, graphs.length)}`;
  return layout({
    title: 'Gemeentelijk Gegevensmodel als linked data',
    documentTitle: 'Gemeentelijk Gegevensmodel (GGM) als linked data',
    body,
  });
}
