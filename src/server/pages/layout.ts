/**
 * The page shell shared by every HTML page: header with navigation, main
 * content, the document's alternate formats as <link rel="alternate"> and
 * downloads, footer. Works without JavaScript.
 */
import { FORMATS } from '../formats.js';
import { html, type Html } from './html.js';

/** The site's name: the end of every page's title. */
export const SITE_NAME = 'GGM linked data';

export interface PageShell {
  /** The page's own title (h1); the document title adds the site's name. */
  title: string;
  /** The document <title> when it should differ from "{title} — GGM linked data". */
  documentTitle?: string;
  /** Small text above the title: "Klasse", "Eigenschap", "Codelijst" … */
  kind?: string;
  /** The IRI the page is about, shown under the title. */
  iri?: string;
  /** Path of the document without extension, for the download links. */
  documentPath?: string;
  /** Extra query string for download links (?page=2). */
  query?: string;
  body: Html;
  /** Scripts that enhance the page (it works without them), loaded at the end of the body. */
  scripts?: string[];
}

export function downloads(documentPath: string, query = ''): Html {
  return html`<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">Downloads</h2><ul>${FORMATS.filter(
    (f) => f.extension !== 'html',
  ).map(
    (f) =>
      html`<li><a href="${`${documentPath}.${f.extension}${query}`}" type="${f.mediaType}">${f.label}</a> <span class="mediatype">${f.mediaType}</span></li>`,
  )}</ul></section>`;
}

export function layout(page: PageShell): Html {
  const alternates = page.documentPath
    ? FORMATS.filter((f) => f.extension !== 'html').map(
        (f) => html`<link rel="alternate" type="${f.mediaType}" href="${`${page.documentPath}.${f.extension}${page.query ?? ''}`}">`,
      )
    : '';
  return html`<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.documentTitle ?? `${page.title} — ${SITE_NAME}`}</title>
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/ggm.css">
${alternates}
</head>
<body>
<header class="site">
<a class="brand" href="/">GGM <span>Gemeentelijk Gegevensmodel</span></a>
<nav aria-label="Hoofdmenu"><a href="/def/ggm">Ontologie</a><a href="/domeinen">Domeinen</a><a href="/termen">A–Z</a><a href="/def/ggm/codelijsten">Codelijsten</a><a href="/def/ggm/shapes">SHACL-shapes</a><a href="/sparql">SPARQL</a><a href="/zoeken">Zoeken</a></nav>
</header>
<main>
<div class="title">
${page.kind ? html`<p class="kind">${page.kind}</p>` : ''}
<h1>${page.title}</h1>
${page.iri ? html`<p class="iri-line"><code class="iri">${page.iri}</code></p>` : ''}
</div>
${page.body}
${page.documentPath ? downloads(page.documentPath, page.query) : ''}
</main>
<footer class="site">Bron: Gemeentelijk Gegevensmodel, Gemeente Delft (EUPL-1.2). Linked-data-publicatie: <a href="/.well-known/void">VoID</a> · <a href="/def/ggm/context.jsonld">JSON-LD-context</a> · <a href="/sparql">SPARQL-endpoint</a></footer>
${(page.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>
`;
}

/**
 * A table that may be wider than a phone's screen: it scrolls sideways inside
 * its own region (named, and focusable so the keyboard can scroll it), never the page.
 */
export function tableRegion(label: string, table: Html): Html {
  return html`<div class="table-scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/** A section with a heading, left out entirely when it has no content. */
export function section(id: string, title: string, content: Html | '' | undefined, count?: number): Html | '' {
  if (!content || content.value === '') return '';
  return html`<section id="${id}" aria-labelledby="${`${id}-h`}"><h2 id="${`${id}-h`}">${title}${count !== undefined ? html` <span class="count">(${count})</span>` : ''}</h2>${content}</section>`;
}
