/**
 * The analyst query library on the web:
 *   /queries                   every question, in Dutch and English, with the domains it crosses
 *   /queries/{name}            one question: its SPARQL text, YASGUI with the query preloaded
 *   /queries/{name}/resultaat  the answer as an HTML table (works without JavaScript)
 *   /queries/{name}/resultaat.csv | .json  the answer as CSV or SPARQL JSON results
 *
 * Rendering only: views/query-library-view.ts runs the queries (with every named
 * graph as default graph, as they expect), routes/query-library.ts serves them.
 */
import type { Literal, Term } from 'n3';
import type { LibraryQuery } from '../../data/queries/library.js';
import type { IriConfig } from '../../iri/index.js';
import type { ResultTable } from '../views/query-library-view.js';
import { html, type Html } from './html.js';
import { sparqlEditor } from './sparql-page.js';
import { layout, section, tableRegion } from './layout.js';
import { displayName, hrefFor, iriLink, literalHtml, type LinkContext } from './links.js';
import { renderGeometryMap, type MapFeature } from './geometry-map.js';

function cell(term: Term | undefined, ctx: LinkContext): Html | string {
  if (!term) return '';
  return term.termType === 'NamedNode' ? iriLink(term.value, ctx) : literalHtml(term);
}

export function renderResultTable(table: ResultTable, ctx: LinkContext): Html {
  if (table.rows.length === 0) return html`<p>Geen resultaten.</p>`;
  return tableRegion(
    'Tabel: resultaat',
    html`<table class="grid results"><thead><tr>${table.vars.map((v) => html`<th scope="col">${v}</th>`)}</tr></thead><tbody>${table.rows.map(
      (r) => html`<tr>${table.vars.map((v) => html`<td>${cell(r[v], ctx)}</td>`)}</tr>`,
    )}</tbody></table>`,
  );
}

function domains(q: LibraryQuery): Html {
  return html`<span class="domeinen">${q.domeinen.join(' · ')}</span>`;
}

/** Every domain named by a question, with the questions that cross it. */
function byDomain(library: LibraryQuery[]): Html {
  const index = new Map<string, LibraryQuery[]>();
  for (const q of library) for (const d of q.domeinen) index.set(d, [...(index.get(d) ?? []), q]);
  const domains = [...index.keys()].sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
  return html`<dl class="summary">${domains.map((d) => html`<dt>${d}</dt><dd>${index.get(d)!.map((q, i) => html`${i ? ' · ' : ''}<a href="${`#${q.name}`}">${q.name}</a>`)}</dd>`)}</dl>`;
}

export function renderQueryLibraryPage(library: LibraryQuery[]): Html {
  const items = library.map(
    (q) =>
      html`<li id="${q.name}"><a href="${`/queries/${q.name}`}"><strong>${q.nl}</strong></a><br><span lang="en">${q.en}</span><br><small>Domeinen: ${domains(q)} · <a href="${`/queries/${q.name}/resultaat`}">resultaat</a> · <a href="${`/queries/${q.name}/resultaat.csv`}" type="text/csv">CSV</a></small></li>`,
  );
  return layout({
    title: 'Vragen over domeinen heen',
    kind: 'Querybibliotheek',
    body: html`<p class="lead">Vragen die analisten aan de gegevens van een gemeente stellen en die verschillende GGM-domeinen combineren, als SPARQL-query. Elke query draait op de voorbeeldgemeente en op de ontologie; open een vraag om de query te lezen of aan te passen in de SPARQL-editor, of bekijk direct het resultaat.</p>
<p>Zie ook: <a href="/cross-domain">relaties tussen domeinen</a> · <a href="/sparql">SPARQL-editor</a></p>
${section('vragen', 'Vragen', html`<ol class="query-library">${items}</ol>`, library.length)}
${section('per-domein', 'Per domein', byDomain(library))}`,
  });
}

export function renderQueryPage(q: LibraryQuery, iri: Pick<IriConfig, 'vocabBase' | 'instanceBase'>): Html {
  return layout({
    title: q.nl,
    kind: 'Vraag',
    body: html`<dl class="summary"><dt>Nederlands</dt><dd>${q.nl}</dd><dt>English</dt><dd lang="en">${q.en}</dd><dt>Domeinen</dt><dd>${domains(q)}</dd><dt>Bestand</dt><dd><code>queries/${q.file}</code></dd></dl>
<p><a class="run" href="${`/queries/${q.name}/resultaat`}">Resultaat bekijken</a> · <a href="${`/queries/${q.name}/resultaat.csv`}" type="text/csv">CSV</a> · <a href="${`/queries/${q.name}/resultaat.json`}" type="application/sparql-results+json">SPARQL-JSON</a> · <a href="/queries">alle vragen</a></p>
${section('query', 'SPARQL', html`<pre class="sparql"><code>${q.sparql}</code></pre>`)}
<section id="editor" aria-labelledby="editor-h"><h2 id="editor-h">In de SPARQL-editor</h2>
<p>De query staat klaar in YASGUI; het endpoint gebruikt de vereniging van alle grafen als standaardgraaf.</p>
${sparqlEditor(q.sparql, iri, html`<p>Zonder JavaScript: <a href="${`/queries/${q.name}/resultaat`}">bekijk het resultaat als tabel</a>.</p>`)}
</section>`,
  });
}

export function renderQueryResultPage(q: LibraryQuery, table: ResultTable, ctx: LinkContext): Html {
  return layout({
    title: q.nl,
    kind: 'Resultaat',
    body: html`<p lang="en">${q.en}</p>
<p><a href="${`/queries/${q.name}`}">Query bekijken</a> · <a href="${`/queries/${q.name}/resultaat.csv`}" type="text/csv">CSV</a> · <a href="${`/queries/${q.name}/resultaat.json`}" type="application/sparql-results+json">SPARQL-JSON</a> · <a href="/queries">alle vragen</a></p>
${resultMap(table, ctx)}
${section('resultaat', 'Resultaat', renderResultTable(table, ctx), table.rows.length)}`,
  });
}

const WKT_LITERAL = 'http://www.opengis.net/ont/geosparql#wktLiteral';

/** The answer's geometry columns (geo:wktLiteral) drawn on one map in RD New, each linked to the first object of its row. */
function resultMap(table: ResultTable, ctx: LinkContext): Html | string {
  const columns = table.vars.filter((v) =>
    table.rows.some((r) => r[v]?.termType === 'Literal' && (r[v] as Literal).datatype.value === WKT_LITERAL),
  );
  if (!columns.length) return '';
  const seen = new Set<string>();
  const features: MapFeature[] = [];
  for (const r of table.rows) {
    const subject = table.vars.map((v) => r[v]).find((t) => t?.termType === 'NamedNode');
    for (const layer of columns) {
      const t = r[layer];
      if (t?.termType !== 'Literal' || (t as Literal).datatype.value !== WKT_LITERAL || seen.has(`${layer} ${t.value}`)) continue;
      seen.add(`${layer} ${t.value}`);
      features.push({
        wkt: t.value,
        layer,
        label: subject ? displayName(subject.value, ctx) : layer,
        href: subject ? hrefFor(subject.value, ctx.iri) : undefined,
      });
    }
  }
  const map = renderGeometryMap(features, `Kaart van het resultaat: ${columns.join(', ')}`);
  return map ? section('kaart', 'Kaart', map) : '';
}
