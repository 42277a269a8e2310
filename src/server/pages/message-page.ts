/**
 * Pages for 404, 406 and errors: what went wrong, in Dutch, with a way on.
 */
import { html, type Html } from './html.js';
import { layout } from './layout.js';

export function renderNotFoundPage(iri: string | undefined, path: string): Html {
  return layout({
    title: 'Niet gevonden',
    body: html`<p>Over ${iri ? html`<code class="iri">${iri}</code>` : html`<code>${path}</code>`} is niets bekend in deze dataset.</p><p><a href="/">Naar de startpagina</a> · <a href="/zoeken">Zoeken</a></p>`,
  });
}

export function renderErrorPage(status: number, message: string): Html {
  return layout({
    title: status >= 500 ? 'Er ging iets mis' : 'Ongeldig verzoek',
    body: html`<p>${message}</p><p><a href="/">Naar de startpagina</a></p>`,
  });
}
