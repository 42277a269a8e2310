#!/usr/bin/env node
/**
 * The command line: thin dispatch to the stages.
 */
import { build, BUILD_HELP } from './build.js';

const USAGE = `usage: ggm <command> [options]

commands:
  build      GGM release → ontology/, shapes/, reports/
  serve      the linked-data service (dereferencing, SPARQL, pages)
  demo       generate the synthetic demo municipality
  import     publish a GGM data warehouse (PostgreSQL) or CSV files as RDF
  validate   SHACL-validate RDF files or a graph of a SPARQL endpoint
  help       this text; \`ggm <command> --help\` for a command's options

${BUILD_HELP}`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'build':
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
