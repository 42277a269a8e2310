/**
 * The SPARQL query page: YASGUI (served from node_modules under /assets/yasgui)
 * with the project's prefixes preloaded. Without JavaScript a plain form posts
 * the query to the same endpoint. `sparqlEditor` is the editor block shared
 * with the query library's pages: the keys that work in it are written next to
 * it (the editor refers to that text), and a live region announces a running
 * query and its outcome (public/sparql-page.js).
 */
import type { IriConfig } from '../../iri/index.js';
import { Html, html } from './html.js';
import { layout } from './layout.js';

/** YASGUI with `query` loaded; `fallback` is shown instead when JavaScript is off. */
export function sparqlEditor(query: string, iri: Pick<IriConfig, 'vocabBase' | 'instanceBase'>, fallback: Html): Html {
  // JSON inside <script type="application/json">: every '<' is written as \u003c, so no </script> can occur.
  const config = JSON.stringify({ query, bases: [...new Set([iri.vocabBase, iri.instanceBase])] }).replace(/</g, '\\u003c');
  return html`<link rel="stylesheet" href="/assets/yasgui/yasgui.min.css">
<p id="sparql-toetsen" class="keys">Toetsen in de editor: <kbd>Tab</kbd> en <kbd>Shift</kbd>+<kbd>Tab</kbd> (of <kbd>Esc</kbd>) verlaten de editor; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> voert de query uit; <kbd>Ctrl</kbd>+<kbd>]</kbd> en <kbd>Ctrl</kbd>+<kbd>[</kbd> springen in en uit; <kbd>Ctrl</kbd>+<kbd>Spatie</kbd> vult aan.</p>
<div id="yasgui"></div>
<p id="sparql-status" class="visually-hidden" role="status" aria-live="polite"></p>
<noscript>${fallback}</noscript>
<script type="application/json" id="sparql-config">${new Html(config)}</script>
<script src="/assets/yasgui/yasgui.min.js"></script>
<script src="/assets/sparql-page.js"></script>`;
}

export function renderSparqlPage(prefixes: Record<string, string>, iri: Pick<IriConfig, 'vocabBase' | 'instanceBase'>): Html {
  const prologue = Object.entries(prefixes)
    .map(([p, ns]) => `PREFIX ${p}: <${ns}>`)
    .join('\n');
  const query = `${prologue}\n\nSELECT ?klasse ?label WHERE {\n  ?klasse a owl:Class ;\n          rdfs:label ?label .\n}\nORDER BY ?label\nLIMIT 25\n`;
  return layout({
    title: 'SPARQL',
    kind: 'Bevragen',
    body: html`<p>Het SPARQL 1.1-endpoint staat op <code>/sparql</code> (GET en POST, alle standaard resultaatformaten). Alle grafen: de ontologie, codelijsten, MIM-model, shapes en voorbeelddata.</p>
<p>Voorbeeldvragen die domeinen combineren staan in de <a href="/queries">querybibliotheek</a>; elke vraag is in de editor te openen of direct uit te voeren.</p>
${sparqlEditor(query, iri, html`<form method="get" action="/sparql" class="query-form"><label for="q">Query</label><textarea id="q" name="query" rows="14">${query}</textarea><button type="submit">Uitvoeren</button></form>`)}`,
  });
}
