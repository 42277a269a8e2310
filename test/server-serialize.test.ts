/**
 * Serialisation is deterministic: the same data loaded into two separate
 * stores (which give blank nodes different random ids) gives byte-identical
 * documents in every format, so ETags agree across replicas and restarts.
 */
import { test } from 'node:test';
import type { Quad } from 'n3';
import assert from 'node:assert/strict';
import { EmbeddedStore } from '../src/store/embedded.js';
import { iriConfig } from '../src/iri/index.js';
import { describe, describeGraph, descriptionQuads } from '../src/server/describe.js';
import { FORMATS } from '../src/server/formats.js';
import { servicePrefixes } from '../src/server/prefixes.js';
import { loadPublishedGraphs } from '../src/server/published-graphs.js';
import { serialize } from '../src/server/serialize.js';
import { FIXTURE } from './server-support.js';

const V = 'https://gemeentelijkgegevensmodel.nl/';

test('two stores with the same data give the same bytes, blank nodes included', async () => {
  const config = iriConfig({ vocabBase: V, instanceBase: 'https://demo.gemeentelijkgegevensmodel.nl/' });
  const prefixes = servicePrefixes(config);
  const options = { prefixes, jsonldContext: prefixes };
  const stores = [new EmbeddedStore({ workers: 1 }), new EmbeddedStore({ workers: 1 })];
  try {
    for (const s of stores) await loadPublishedGraphs(s, FIXTURE, config);
    const documents = async (s: EmbeddedStore) => [
      descriptionQuads(await describe(s, 'https://demo.gemeentelijkgegevensmodel.nl/id/zaak/Z-2024-001')),
      descriptionQuads(await describe(s, `${V}def/ggm/shape/Zaak/status`)),
      await describeGraph(s, `${V}def/ggm/shapes`),
    ];
    const [a, b] = [await documents(stores[0]!), await documents(stores[1]!)];
    const blankIds = (qs: Quad[]) =>
      [
        ...new Set(
          qs
            .flatMap((q) => [q.subject, q.object])
            .filter((t) => t.termType === 'BlankNode')
            .map((t) => t.value),
        ),
      ].sort();
    for (let i = 0; i < a.length; i++) {
      assert.ok(blankIds(a[i]!).length >= 1, `document ${i} has blank nodes`);
      assert.notDeepEqual(blankIds(a[i]!), blankIds(b[i]!), 'the two stores gave them different ids');
      for (const f of FORMATS.filter((x) => x.mediaType !== 'text/html')) {
        assert.equal(
          await serialize(a[i]!, f, options),
          await serialize(b[i]!, f, options),
          `document ${i}: ${f.mediaType} is byte-identical`,
        );
      }
    }
  } finally {
    await Promise.all(stores.map((s) => s.close()));
  }
});
