/**
 * The SPARQL query page: YASGUI (served from node_modules under /assets/yasgui)
 * with the project's prefixes preloaded. Without JavaScript a plain form posts
 * the query to the same endpoint.
 */
import { Html, html } from './html.js';
import { layout } from './layout.js';

export function renderSparqlPage(prefixes: Record<string, string>): Html {
  const prologue = Object.entries(prefixes)
    .map(([p, ns]) => `PREFIX ${p}: <${ns}>`)
    .join('\n');
  const query = `${prologue}\n\nSELECT ?klasse ?label WHERE {\n  ?klasse a owl:Class ;\n          rdfs:label ?label .\n}\nORDER BY ?label\nLIMIT 25\n`;
  // JSON inside <script type="application/json">: every '<' is written as \u003c, so no </script> can occur.
  const config = JSON.stringify({ query, prefixes }).replace(/</g, '\\u003c');
  return layout({
    title: 'SPARQL',
    kind: 'Bevragen',
    body: html`<p>Het SPARQL 1.1-endpoint staat op <code>/sparql</code> (GET en POST, alle standaard resultaatformaten). Alle grafen: de ontologie, codelijsten, MIM-model, shapes en voorbeelddata.</p>
<p>Voorbeeldvragen die domeinen combineren staan in de <a href="/queries">querybibliotheek</a>; elke vraag is in de editor te openen of direct uit te voeren.</p>
<link rel="stylesheet" href="/assets/yasgui/yasgui.min.css">
<div id="yasgui"></div>
<noscript><form method="get" action="/sparql" class="query-form"><label for="q">Query</label><textarea id="q" name="query" rows="14">${query}</textarea><button type="submit">Uitvoeren</button></form></noscript>
<script type="application/json" id="sparql-config">${new Html(config)}</script>
<script src="/assets/yasgui/yasgui.min.js"></script>
<script src="/assets/sparql-page.js"></script>`,
  });
}
