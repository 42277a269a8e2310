/**
 * A SparqlStore that counts its changes: every update or graph replacement made
 * through it raises `version`, so cached responses keyed by version go stale
 * the moment the data changes. The SPARQL router gets this same store.
 */
import { currentRole } from '../store/access.js';
import type { GraphInfo, QueryAnswer, QueryOptions, RdfMediaType, SparqlStore } from '../store/types.js';

export class VersionedStore implements SparqlStore {
  private changes = 0;
  /** When the data last changed through this store (start-up counts as a change); seconds, as HTTP dates have. */
  private changed = new Date(Math.floor(Date.now() / 1000) * 1000);
  private graphList?: { version: string; graphs: Promise<GraphInfo[]> };

  constructor(readonly inner: SparqlStore) {}

  get kind(): SparqlStore['kind'] {
    return this.inner.kind;
  }

  /** Changes seen so far; a remote store can change behind our back, so its version also moves with time. */
  get version(): string {
    const changes = this.inner.kind === 'remote' ? `${this.changes}.${Math.floor(Date.now() / 60_000)}` : String(this.changes);
    // Under access control each role sees other data: cached responses and graph lists are kept per role.
    const role = currentRole();
    return role === undefined ? changes : `${changes}@${role}`;
  }

  get changedAt(): Date {
    return this.changed;
  }

  private noteChange(): void {
    this.changes++;
    this.changed = new Date(Math.floor(Date.now() / 1000) * 1000);
  }

  query(sparql: string, options: QueryOptions): Promise<QueryAnswer> {
    return this.inner.query(sparql, options);
  }

  async update(sparql: string, options: { timeoutMs: number }): Promise<void> {
    try {
      await this.inner.update(sparql, options);
    } finally {
      this.noteChange();
    }
  }

  async replaceGraph(graph: string, data: string, mediaType: RdfMediaType): Promise<number> {
    try {
      return await this.inner.replaceGraph(graph, data, mediaType);
    } finally {
      this.noteChange();
    }
  }

  /** Named graphs, remembered until the next change. */
  graphs(): Promise<GraphInfo[]> {
    const version = this.version;
    if (this.graphList?.version !== version) {
      const graphs = this.inner.graphs();
      this.graphList = { version, graphs };
      graphs.catch(() => (this.graphList = undefined));
    }
    return this.graphList!.graphs;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
