/**
 * Every release the project publishes (releases/releases.yaml), dereferenceable:
 *
 * - `/def/ggm/{version}` — the version IRI — is that release's ontology;
 *   `/def/ggm/{version}/codelijsten` its code lists;
 * - `/def/ggm/{version}/{term}` (a class, property, code list, value, domain: the path of the term's
 *   unversioned IRI after `/def/ggm/`) is the term's description in that release;
 * - the unversioned IRIs (`/def/ggm`, `/def/ggm/Zaak`) are the latest release.
 *
 * The latest release is what the store serves. Earlier releases are served from their committed
 * files (`releases/{version}/ggm.ttl`, `codelijsten.ttl`), each in a small in-process Oxigraph
 * store of its own — never in the main store, where their terms would mix with the latest ones
 * (the same IRIs) in every page, search and SPARQL answer.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import oxigraph from 'oxigraph';
import { GgmError, NotFoundError } from '../core/errors.js';
import { ggmNamespaces, rebase, type IriConfig } from '../iri/index.js';
import { readReleases, releaseFiles, type ReleaseInfo } from '../generate/releases.js';
import type { GraphInfo, QueryAnswer, QueryForm, QueryOptions, SparqlStore } from '../store/types.js';
import { cacheKey, requestedFormat, type DereferenceContext } from './dereference.js';
import { HTML, splitExtension } from './formats.js';
import { CACHE_CONTROL, alternateLinks, send, strongEtag } from './http-headers.js';
import { escapeHtml } from './pages/html.js';
import { renderDocument } from './render.js';
import { resolveTarget, subjectForPath } from './resolve.js';
import type { CachedResponse } from './response-cache.js';
import { VersionedStore } from './versioned-store.js';

/** A read-only store of one earlier release, in this process (a few MB of Turtle; service-written page queries only). */
export class ReleaseStore implements SparqlStore {
  readonly kind = 'embedded' as const;
  private readonly store = new oxigraph.Store();
  private readonly counts: GraphInfo[] = [];

  constructor(files: { graph: string; text: string }[]) {
    for (const f of files) {
      const before = this.store.size;
      this.store.load(f.text, { format: 'text/turtle', to_graph_name: oxigraph.namedNode(f.graph), no_transaction: true });
      this.counts.push({ iri: f.graph, triples: this.store.size - before });
    }
  }

  async query(sparql: string, options: QueryOptions): Promise<QueryAnswer> {
    const body = this.store.query(sparql, {
      results_format: options.mediaType,
      use_default_graph_as_union: options.unionDefaultGraph ?? true,
    }) as string;
    return { form: options.form ?? formOf(sparql), mediaType: options.mediaType, body };
  }

  async update(): Promise<void> {
    throw new GgmError(405, 'read-only', 'an earlier release is read-only');
  }

  async replaceGraph(): Promise<number> {
    throw new GgmError(405, 'read-only', 'an earlier release is read-only');
  }

  async graphs(): Promise<GraphInfo[]> {
    return this.counts;
  }

  async close(): Promise<void> {}
}

function formOf(sparql: string): QueryForm {
  const m = /\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(sparql.replace(/<[^>]*>|"[^"]*"|#[^\n]*/g, ' '));
  return (m?.[1]?.toUpperCase() ?? 'SELECT') as QueryForm;
}

export interface PublishedRelease extends ReleaseInfo {
  latest: boolean;
  /** Earlier releases: their own store, loaded at the first request for it. The latest release is the service's store. */
  store?: () => VersionedStore;
}

/** The releases a service root publishes: the latest one first. A listed earlier release without its files is an error. */
export function loadReleases(root: string, config: IriConfig): PublishedRelease[] {
  const ns = ggmNamespaces(config.vocabBase);
  return readReleases(root).map((r, i) => {
    if (i === 0) return { ...r, latest: true };
    const files = releaseFiles(r.version);
    const read = (rel: string) => {
      return rebase(readFileSync(path.join(root, rel), 'utf8'), config);
    };
    for (const rel of Object.values(files))
      if (!existsSync(path.join(root, rel)))
        throw new Error(`${path.join(root, rel)}: missing (release ${r.version} is listed in releases/releases.yaml; run ggm build)`);
    let store: VersionedStore | undefined;
    const load = () =>
      (store ??= new VersionedStore(
        new ReleaseStore([
          { graph: ns.ontology, text: read(files.ontology) },
          { graph: ns.codelijstenGraph, text: read(files.codelijsten) },
        ]),
      ));
    return { ...r, latest: false, store: load };
  });
}

const RELEASE_PATH = /^\/def\/ggm\/(\d+\.\d+\.\d+)(\/.*)?$/;

/**
 * GET/HEAD of `/def/ggm/{version}[/{term}]` for a published release: the release's ontology or the
 * term as that release describes it, in every format, with the release named above the page.
 */
export function releaseDocumentHandler(ctx: DereferenceContext, releases: PublishedRelease[]): RequestHandler {
  const byVersion = new Map(releases.map((r) => [r.version, r]));
  const latest = releases.find((r) => r.latest);
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    const { stem, format: extension } = splitExtension(path);
    const m = RELEASE_PATH.exec(stem);
    const release = m ? byVersion.get(m[1]!) : undefined;
    if (!m || !release) return next();
    try {
      const chosen = requestedFormat(req, extension, stem);
      if (req.query.page !== undefined) throw new GgmError(400, 'bad-page', 'the documents of a release have no pages');
      const key = cacheKey(ctx.store.version, path, chosen.format, chosen.negotiated, 1);
      const hit = ctx.cache.get(key);
      if (hit) return send(req, res, hit);
      const rest = m[2] && m[2] !== '/' ? m[2] : '';
      const iri = subjectForPath(`/def/ggm${rest}`, ctx.iri);
      const store = release.store?.() ?? ctx.store;
      const target = iri ? await resolveTarget(store, iri) : undefined;
      if (!target) throw new NotFoundError(`GGM ${release.version} has no ${iri ?? path}`, iri);
      const rendered = await renderDocument({ ...ctx, store }, target, chosen.format, { iri: target.iri, documentPath: stem, page: 1 });
      let text = rendered.body;
      if (chosen.format === HTML) text = text.replace('<main>', `<main>\n${releaseNotice(release, latest, rest)}`);
      const body = Buffer.from(text, 'utf8');
      const etag = strongEtag(body);
      const headers: Record<string, string> = {
        'Content-Type': chosen.format.contentType,
        'Content-Length': String(body.length),
        ETag: etag,
        'Cache-Control': CACHE_CONTROL,
        Link: [alternateLinks(stem), `<${`/def/ggm${rest}`}>; rel="latest-version"`].join(', '),
        'Content-Location': `${stem}.${chosen.format.extension}`,
      };
      if (chosen.negotiated) headers.Vary = 'Accept';
      const response: CachedResponse = { status: 200, body, etag, headers };
      ctx.cache.set(key, response);
      send(req, res, response);
    } catch (e) {
      next(e);
    }
  };
}

function releaseNotice(release: PublishedRelease, latest: PublishedRelease | undefined, rest: string): string {
  const what = rest ? 'Deze beschrijving is die in' : 'Dit is de ontologie van';
  const current = `/def/ggm${rest}`;
  const tail = release.latest
    ? 'de actuele release'
    : `een eerdere release; de actuele is <a href="${escapeHtml(current)}">GGM ${escapeHtml(latest?.version ?? '')}</a>`;
  return `<p class="release-notice" role="note">${what} GGM ${escapeHtml(release.version)} (uitgebracht ${escapeHtml(release.issued)}), ${tail}.</p>`;
}
