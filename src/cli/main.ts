#!/usr/bin/env node
/**
 * The command line: thin dispatch to the stages.
 */
import { spawnSync } from 'node:child_process';
import { build, BUILD_HELP } from './build.js';

/**
 * The build keeps ~90 MB live but V8 grows its heap lazily to ~370 MB; a capped old space
 * heap (and a small young generation) holds the process under 300 MB at no cost
 * in time. Run the build in such a process unless the caller chose heap flags.
 */
const BUILD_HEAP_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=4'];

function buildInCappedHeap(argv: string[]): boolean {
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /--max-(old|semi)-space-size/.test(a));
  if (chosen || process.env.GGM_BUILD_HEAP_CAPPED) return false;
  const r = spawnSync(process.execPath, [...BUILD_HEAP_FLAGS, ...process.execArgv, process.argv[1]!, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, GGM_BUILD_HEAP_CAPPED: '1' },
  });
  process.exitCode = r.status ?? 1;
  return true;
}

const USAGE = `usage: ggm <command> [options]

commands:
  build      GGM release → ontology/, shapes/, reports/
  serve      the linked-data service (dereferencing, SPARQL, pages)
  demo       generate the synthetic demo municipality
  import     publish a GGM data warehouse (PostgreSQL) or CSV files as RDF
  validate   SHACL-validate RDF files or a graph of a SPARQL endpoint
  publish    validate a data set, then replace a named graph of a running service atomically
  help       this text; \`ggm <command> --help\` for a command's options

${BUILD_HELP}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'build':
      if (buildInCappedHeap(argv)) return;
      return build(rest);
    case 'serve': {
      const { serve } = await import('./serve.js');
      return serve(rest);
    }
    case 'demo': {
      const { demo } = await import('./demo.js');
      return demo(rest);
    }
    case 'import': {
      const { importCommand } = await import('./import.js');
      return importCommand(rest);
    }
    case 'publish': {
      const { publish } = await import('./publish.js');
      return publish(rest);
    }
    case 'validate': {
      const { validateCommand } = await import('./validate.js');
      return validateCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`ggm: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
