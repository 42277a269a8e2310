// Output of a validation: the sh:ValidationReport as a Turtle file (written
// atomically) and one readable line per result, for the CLI.
import { rename, writeFile } from 'node:fs/promises';
import { Writer } from 'n3';
import { termText, type ValidationResult } from './report.js';
import type { ValidationOutcome } from './validate.js';

const SH = 'http://www.w3.org/ns/shacl#';

/** Writes the report as Turtle to `file` (temporary file + rename). */
export async function writeReportFile(outcome: Pick<ValidationOutcome, 'report'>, file: string): Promise<void> {
  const writer = new Writer({ format: 'text/turtle', prefixes: { sh: SH, xsd: 'http://www.w3.org/2001/XMLSchema#' } });
  writer.addQuads(outcome.report);
  const turtle = await new Promise<string>((resolve, reject) => writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))));
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, turtle);
  await rename(temporary, file);
}

/** One line per result: `Violation <focus> <path>: message (sh:MinCountConstraintComponent, shape <s>) value "v"`. */
export function describeResult(result: ValidationResult & { pathText?: string }): string {
  const severity = result.severity.value.replace(SH, '');
  const where = result.pathText ?? (result.path ? termText(result.path) : '');
  const constraint = result.constraint.value.replace(SH, 'sh:');
  const value = result.value ? ` value ${termText(result.value)}` : '';
  return `${severity} ${termText(result.focusNode)}${where ? ` ${where}` : ''}: ${result.message ?? constraint} (${constraint}, shape ${termText(result.sourceShape)})${value}`;
}
