/**
 * An in-memory cache of finished responses, keyed by store version, path,
 * format and page. Least recently used entries go first once the byte budget
 * is spent. Only 200 responses are cached.
 */
import type { Encoding } from './compression.js';

export interface CachedResponse {
  status: number;
  body: Buffer;
  etag: string;
  /** Every header of the response, Content-Type, Content-Length and ETag included. */
  headers: Record<string, string>;
  /** The body compressed (made on first request for each encoding, then kept with the response). */
  encoded?: Partial<Record<Encoding, Promise<Buffer>>>;
}

export class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedResponse): void {
    if (value.body.length > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.length;
    this.entries.delete(key);
    this.entries.set(key, value);
    this.bytes += value.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
