/**
 * How IRIs and literals appear on pages: IRIs of this service link to the
 * same path on this host (so pages work whatever the configured base), other
 * http(s) IRIs link out, anything else is shown as text.
 */
import type { Term } from 'n3';
import { NS, type IriConfig } from '../../iri/index.js';
import { compactIri } from '../prefixes.js';
import { html, safeHref, type Html } from './html.js';

export interface LinkContext {
  iri: IriConfig;
  prefixes: Record<string, string>;
  /** Best label per IRI. */
  labels: Map<string, string>;
}

/** The path on this service for an IRI it publishes, or undefined. */
export function localPath(iri: string, config: IriConfig): string | undefined {
  for (const base of [config.vocabBase, config.instanceBase]) {
    if (!iri.startsWith(base)) continue;
    const rest = iri.slice(base.length);
    if (/^(def|id|doc|graph)\//.test(rest)) return `/${rest}`;
  }
  return undefined;
}

export function hrefFor(iri: string, config: IriConfig): string | undefined {
  return localPath(iri, config) ?? safeHref(iri);
}

/** Percent-decoding that never throws on malformed input. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function displayName(iri: string, ctx: LinkContext): string {
  const label = ctx.labels.get(iri) ?? compactIri(iri, ctx.prefixes);
  if (label !== undefined) return label;
  // Instances without a label read as "zaak/27".
  const things = `${ctx.iri.instanceBase}id/`;
  return iri.startsWith(things) ? safeDecode(iri.slice(things.length)) : iri;
}

export function iriLink(iri: string, ctx: LinkContext, text?: string): Html {
  const href = hrefFor(iri, ctx.iri);
  const shown = text ?? displayName(iri, ctx);
  return href ? html`<a href="${href}" title="${iri}">${shown}</a>` : html`<span class="iri">${shown}</span>`;
}

export function literalHtml(term: Term): Html {
  if (term.termType !== 'Literal') return html`${term.value}`;
  const dt = term.datatype.value;
  const suffix = term.language
    ? html`<span class="lang">@${term.language}</span>`
    : dt.endsWith('#string') || dt.endsWith('#langString')
      ? ''
      : html`<span class="datatype">${compactDatatype(dt)}</span>`;
  return html`<span class="literal">${term.value}</span>${suffix}`;
}

function compactDatatype(dt: string): string {
  return dt.startsWith(NS.xsd) ? `xsd:${dt.slice(NS.xsd.length)}` : dt;
}

/** Pick the best label from candidates: Dutch, then no language, then any. */
export function bestLabel(candidates: { value: string; language: string }[]): string | undefined {
  return candidates.find((c) => c.language === 'nl')?.value ?? candidates.find((c) => c.language === '')?.value ?? candidates[0]?.value;
}
