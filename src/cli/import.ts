/**
 * `ggm import`: publish where a municipality keeps its GGM data as RDF.
 *   ggm import postgres <connection-string> --out data.nq [--overrides map.yaml] [--graph iri] [--tables A,B]
 *   ggm import csv <file.csv|folder …> --out data.nq [--graph iri]
 *   ggm import warehouse <connection-string> [--ddl dir]   (build a warehouse from the GGM's own DDL)
 * Output is written atomically; the report lists per table/file the rows read,
 * triples written and every rejected row or value with the reason.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadGgmModel, PROJECT_ROOT, sharedDir } from '../source/index.js';
import { iriConfig } from '../iri/index.js';
import { IRI_REGISTER_FILE, readIriRegister } from '../iri/register-file.js';
import { importWarehouseToFile } from '../data/postgres/importer.js';
import { buildWarehouse, summariseWarehouseReport } from '../data/postgres/warehouse.js';
import { importCsvToFile } from '../data/csv/importer.js';
import { summariseReport } from '../data/import-report.js';

export const IMPORT_HELP = `ggm import postgres <connection-string> --out <file.nq|file.ttl> [--overrides <file>] [--graph <iri>] [--tables A,B] [--instance-base <iri>]
ggm import csv <file.csv|folder …> --out <file.nq|file.ttl> [--graph <iri>] [--instance-base <iri>]
ggm import warehouse <connection-string> [--ddl <dir>]    create the GGM tables from the GGM's DDL (all diagrams, merged)`;

export async function importCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      overrides: { type: 'string' },
      graph: { type: 'string' },
      tables: { type: 'string' },
      ddl: { type: 'string' },
      source: { type: 'string' },
      'instance-base': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [kind, ...inputs] = positionals;
  if (values.help || !kind) {
    process.stdout.write(`${IMPORT_HELP}\n`);
    return;
  }
  if (kind === 'warehouse') {
    if (!inputs[0]) throw new Error('import warehouse: give a PostgreSQL connection string');
    const ddl = values.ddl ?? path.join(sharedDir(), 'ggm/v2.5.1/ddl-postgres');
    const report = await buildWarehouse(inputs[0], ddl);
    process.stderr.write(`${summariseWarehouseReport(report).join('\n')}\n`);
    return;
  }
  if (!values.out) throw new Error(`import ${kind}: --out <file> is required`);
  const model = await loadGgmModel(values.source);
  const cfg = iriConfig({ instanceBase: values['instance-base'] });
  // The published ontology's IRI register, so imported data uses exactly the published property IRIs.
  const register = await readIriRegister(path.join(PROJECT_ROOT, IRI_REGISTER_FILE));
  const out = path.resolve(values.out);
  let report;
  if (kind === 'postgres') {
    if (!inputs[0]) throw new Error('import postgres: give a PostgreSQL connection string');
    report = await importWarehouseToFile(inputs[0], out, {
      model,
      register,
      iriConfig: cfg,
      overrides: values.overrides,
      graph: values.graph,
      tables: values.tables
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    });
  } else if (kind === 'csv') {
    if (inputs.length === 0) throw new Error('import csv: give CSV files or a folder');
    report = await importCsvToFile(
      inputs.map((i) => path.resolve(i)),
      out,
      { model, register, iriConfig: cfg, graph: values.graph },
    );
  } else {
    throw new Error(`import: unknown source kind "${kind}"\n\n${IMPORT_HELP}`);
  }
  process.stderr.write(`${summariseReport(report).join('\n')}\n`);
}
