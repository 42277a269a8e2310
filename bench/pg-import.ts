/**
 * PostgreSQL import throughput: a warehouse from the real DDL, ZAAK filled with
 * N rows (generate_series; default 1,000,000) with dates, integers, text, an
 * enumeration-free foreign key to ZAAKTYPE, then imported to an N-Quads file.
 * Prints rows/s, triples/s and peak RSS, and RSS samples during the run
 * (memory should stay flat: rows are streamed with a cursor).
 *
 *   npx tsc -p . && node dist/bench/pg-import.js [rows] [admin-connection-string]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadGgmModel } from '../src/source/index.js';
import { connect, createDatabase, dropDatabase } from '../src/data/postgres/database.js';
import { buildWarehouse } from '../src/data/postgres/warehouse.js';
import { Writable } from 'node:stream';
import { importWarehouseToFile, importWarehouseToStream } from '../src/data/postgres/importer.js';
import { defaultRelease, sharedDir } from '../src/cli/paths.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const admin = process.argv[3] ?? process.env.PGADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `ggm_bench_${randomBytes(4).toString('hex')}`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

const model = await loadGgmModel(defaultRelease());
const cs = await createDatabase(admin, name);
const dir = await mkdtemp(path.join(os.tmpdir(), 'ggm-bench-'));
try {
  let t = Date.now();
  const w = await buildWarehouse(cs, path.join(sharedDir(), 'ggm', 'v2.5.1', 'ddl-postgres'));
  console.log(
    `warehouse: ${w.files} files, ${w.statements} statements, ${w.tables} tables, ${w.defects.length} defects reported, ${Date.now() - t} ms`,
  );

  t = Date.now();
  const c = await connect(cs);
  await c.query(`INSERT INTO zaaktype (zaaktype_id, zaaktypeomschrijving) SELECT i, 'Zaaktype ' || i FROM generate_series(1, 100) i`);
  await c.query(`
    INSERT INTO zaak (zaak_id, zaakidentificatie, datumstart, datumeinde, duurverlenging, omschrijving, zaakniveau, is_van_zaaktype_id)
    SELECT i, 'ZAAK-' || lpad(i::text, 9, '0'), DATE '2020-01-01' + (i % 1500), DATE '2020-03-01' + (i % 1500),
           i % 60, 'Aanvraag ' || i || ' voor "Markt ' || (i % 200) || '"', 1 + i % 3, 1 + i % 100
      FROM generate_series(1, ${rows}) i`);
  await c.query('ANALYZE zaak');
  await c.end();
  console.log(`filled zaak with ${rows.toLocaleString('en')} rows in ${Date.now() - t} ms`);

  for (const target of ['stream (discarded)', 'file'] as const) {
    const samples: number[] = [];
    const heap: number[] = [];
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      samples.push(m.rss);
      heap.push(m.heapUsed);
    }, 250);
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    t = Date.now();
    const out = path.join(dir, 'zaak.nq');
    const options = { model, tables: ['zaak', 'zaaktype'], progress: Boolean(process.stderr.isTTY) };
    let bytes = 0;
    const report =
      target === 'file'
        ? await importWarehouseToFile(cs, out, options)
        : await importWarehouseToStream(
            cs,
            new Writable({
              write: (chunk: Buffer | string, _e, cb) => {
                bytes += chunk.length;
                cb();
              },
            }),
            options,
          );
    const ms = Date.now() - t;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    clearInterval(sampler);
    if (target === 'file') bytes = (await stat(out)).size;
    console.log(
      `to ${target}: ${report.rowsRead.toLocaleString('en')} rows → ${report.triples.toLocaleString('en')} triples (${mb(bytes)} N-Quads) in ${ms} ms`,
    );
    console.log(
      `  ${Math.round(report.rowsRead / (ms / 1000)).toLocaleString('en')} rows/s, ${Math.round(report.triples / (ms / 1000)).toLocaleString('en')} triples/s (wall clock; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`,
    );
    console.log(
      `  importer process CPU ${Math.round(cpuMs)} ms: ${Math.round(report.rowsRead / (cpuMs / 1000)).toLocaleString('en')} rows per CPU-second (PostgreSQL's own work not included)`,
    );
    const q = (f: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * f))] ?? 0;
    const h = (f: number) => heap[Math.min(heap.length - 1, Math.floor(heap.length * f))] ?? 0;
    console.log(
      `  RSS before ${mb(rssBefore)}; during import at 10% ${mb(q(0.1))}, 50% ${mb(q(0.5))}, 90% ${mb(q(0.9))}; peak RSS of the process so far ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    console.log(`  JS heap used during import at 10% ${mb(h(0.1))}, 50% ${mb(h(0.5))}, 90% ${mb(h(0.9))}, max ${mb(Math.max(...heap))}`);
    console.log(`  rejected values: ${report.sources.reduce((n, s) => n + s.valuesRejected, 0)}`);
    await rm(out, { force: true });
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await dropDatabase(admin, name);
}
