/**
 * `ggm import`: publish where a municipality keeps its GGM data as RDF.
 *   ggm import postgres <connection-string> --out data.nq [--overrides map.yaml] [--graph iri] [--tables A,B]
 *   ggm import csv <file.csv|folder …> --out data.nq [--graph iri]
 *   ggm import warehouse <connection-string> [--ddl dir]   (build a warehouse from the GGM's own DDL)
 * Output is written atomically; the report lists per table/file the rows read,
 * triples written and every rejected row or value with the reason.
 */
import path from 'node:path';
import { loadGgmModel } from '../source/index.js';
import { iriConfig } from '../iri/index.js';
import { IRI_REGISTER_FILE, readIriRegister } from '../iri/register-file.js';
import { importWarehouseToFile } from '../data/postgres/importer.js';
import { buildWarehouse, summariseWarehouseReport } from '../data/postgres/warehouse.js';
import { importCsvToFile } from '../data/csv/importer.js';
import { summariseReport } from '../data/import-report.js';
import { COMMANDS, IMPORT } from './commands.js';
import { helpText, resolveCommand, type ResolvedCommand } from './options.js';
import { defaultRelease } from './paths.js';
import { Progress, ui } from './ui.js';

/** `ggm import …` with these arguments (tests call it directly). */
export const importCommand = async (argv: string[], env: NodeJS.ProcessEnv = process.env) =>
  run(resolveCommand(IMPORT, argv, env, COMMANDS));

export async function run({ values, positionals }: ResolvedCommand<typeof IMPORT.options>): Promise<void> {
  const [kind, ...inputs] = positionals;
  if (!kind) {
    ui.out(`${helpText(IMPORT)}\n`);
    return;
  }
  if (kind === 'warehouse') {
    if (!inputs[0]) throw new Error('import warehouse: give a PostgreSQL connection string');
    const report = await buildWarehouse(inputs[0], values.ddl ?? path.join(values.sharedDir, 'ggm/v2.5.1/ddl-postgres'));
    ui.lines(summariseWarehouseReport(report));
    return;
  }
  if (kind !== 'postgres' && kind !== 'csv') throw new Error(`import: unknown source kind "${kind}"\n\n${helpText(IMPORT)}`);
  if (!values.out) throw new Error(`import ${kind}: --out <file> is required`);
  const model = await loadGgmModel(values.source ?? defaultRelease('2.5.1', values.sharedDir));
  const cfg = iriConfig({ vocabBase: values.vocabBase, instanceBase: values.instanceBase });
  // The published ontology's IRI register, so imported data uses exactly the published property IRIs.
  const register = await readIriRegister(path.join(values.root, IRI_REGISTER_FILE));
  let report;
  if (kind === 'postgres') {
    if (!inputs[0]) throw new Error('import postgres: give a PostgreSQL connection string');
    const progress = new Progress();
    let reading = '';
    report = await importWarehouseToFile(inputs[0], values.out, {
      model,
      register,
      iriConfig: cfg,
      overrides: values.overrides,
      graph: values.graph,
      tables: values.tables.length ? values.tables : undefined,
      onProgress: (table, rows) => {
        if (table !== reading) {
          reading = table;
          progress.restart();
        }
        progress.tick(table, rows, 'rows');
      },
    });
    progress.clearLine();
  } else {
    if (inputs.length === 0) throw new Error('import csv: give CSV files or a folder');
    report = await importCsvToFile(
      inputs.map((i) => path.resolve(i)),
      values.out,
      { model, register, iriConfig: cfg, graph: values.graph },
    );
  }
  ui.lines(summariseReport(report));
}
