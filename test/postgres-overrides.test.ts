/**
 * The override file for local deviations from the GGM's DDL: accepted shapes
 * and clear errors naming the file and the offending key.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOverrides, OverrideError, parseOverrides } from '../src/data/postgres/overrides.js';

describe('override file', () => {
  it('reads YAML and JSON, lower-casing table and column names as PostgreSQL does', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-ov-'));
    try {
      const yaml = path.join(dir, 'map.yaml');
      await writeFile(
        yaml,
        'tables:\n  Mijn_Zaken:\n    objecttype: Zaak@Kern\n    key: NR\n    ignore: [Intern]\n    columns:\n      OMSCHR: omschrijving\n      ZT: { references: ZAAKTYPE, role: IS_VAN }\n  audit_log: skip\n',
      );
      const json = path.join(dir, 'map.json');
      await writeFile(
        json,
        JSON.stringify({
          tables: {
            Mijn_Zaken: {
              objecttype: 'Zaak@Kern',
              key: 'NR',
              ignore: ['Intern'],
              columns: { OMSCHR: 'omschrijving', ZT: { references: 'ZAAKTYPE', role: 'IS_VAN' } },
            },
            audit_log: 'skip',
          },
        }),
      );
      const expected = {
        tables: {
          mijn_zaken: {
            objecttype: 'Zaak@Kern',
            key: 'nr',
            ignore: ['intern'],
            columns: { omschr: { attribuut: 'omschrijving' }, zt: { attribuut: undefined, references: 'zaaktype', role: 'IS_VAN' } },
          },
          audit_log: { skip: true },
        },
      };
      assert.deepEqual(await loadOverrides(yaml), expected);
      assert.deepEqual(await loadOverrides(json), expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the file and the key that is wrong', async () => {
    assert.throws(
      () => parseOverrides({ tabels: {} }, 'map.yaml'),
      (e: Error) => e instanceof OverrideError && e.message === 'map.yaml: tabels: unknown key (expected "tables")',
    );
    assert.throws(
      () => parseOverrides({ tables: { zaak: { kolommen: {} } } }, 'map.yaml'),
      /map\.yaml: tables\.zaak\.kolommen: unknown key/,
    );
    assert.throws(() => parseOverrides({ tables: { zaak: { ignore: 'x' } } }, 'map.yaml'), /tables\.zaak\.ignore: expected a list/);
    assert.throws(
      () => parseOverrides({ tables: { zaak: { columns: { a: 5 } } } }, 'm.json'),
      /m\.json: tables\.zaak\.columns\.a: expected/,
    );
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-ov-'));
    try {
      const bad = path.join(dir, 'bad.yaml');
      await writeFile(bad, 'tables:\n  zaak: [unclosed\n');
      await assert.rejects(loadOverrides(bad), (e: Error) => e instanceof OverrideError && e.message.startsWith(`${bad}: syntax:`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
