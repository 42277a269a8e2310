/**
 * One definition per option, from which everything else follows: the flags
 * node:util parseArgs accepts, the environment variable and config-file key
 * that may set it, its parsing and validation, its default, and the help text.
 * Help can therefore never drift from what parses.
 *
 * Precedence: flag > environment > config file (--config / GGM_CONFIG; YAML or
 * JSON) > default. Every value passes the option's parser, whatever its source,
 * and an error names the source: `--port`, `PORT`, `ggm.yaml: serve.port`.
 * Credentials are environment-only (no flag, no file key) and masked whenever
 * the configuration is shown.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';

export type Source = 'flag' | 'env' | 'file' | 'default';

export interface Option<T> {
  /** Long flag without dashes; undefined: not on the command line (credentials). */
  flag?: string;
  env?: string;
  /** Key in the config file (default: the flag); false: not read from the file. */
  file?: string | false;
  kind: 'string' | 'boolean' | 'list';
  /** Placeholder in the help: `<n>`, `<iri>` … */
  value?: string;
  help: string;
  /** Text → value; throws an Error whose message says what is wrong (the source is prefixed). */
  parse: (text: string) => T;
  defaultValue?: T;
  /** Shown in the help when the default is not a plain value ("the project folder"). */
  defaultText?: string;
  secret?: boolean;
}

/** An option whose resolved value has type R (T, or T | undefined without a default). */
export type Opt<T, R> = Option<T> & { readonly __resolved?: R };

type Base = Omit<Option<never>, 'kind' | 'parse' | 'defaultValue'>;

export function text(spec: Base & { default: string; parse?: (t: string) => string }): Opt<string, string>;
export function text(spec: Base & { parse?: (t: string) => string }): Opt<string, string | undefined>;
export function text(spec: Base & { default?: string; parse?: (t: string) => string }): Opt<string, string | undefined> {
  return { ...spec, kind: 'string', parse: spec.parse ?? ((t) => t), defaultValue: spec.default };
}

/** A value of its own kind (a count such as 250k …), without a default. */
export function value<T>(spec: Base & { parse: (t: string) => T }): Opt<T, T | undefined> {
  return { ...spec, kind: 'string' };
}

export function flag(spec: Base): Opt<boolean, boolean> {
  return { ...spec, kind: 'boolean', parse: parseBoolean, defaultValue: false };
}

export function list(spec: Base): Opt<string[], string[]> {
  return {
    ...spec,
    kind: 'list',
    parse: (t) =>
      t
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    defaultValue: [],
  };
}

export function integer(spec: Base & { default: number; min?: number; max?: number }): Opt<number, number>;
export function integer(spec: Base & { min?: number; max?: number }): Opt<number, number | undefined>;
export function integer(spec: Base & { default?: number; min?: number; max?: number }): Opt<number, number | undefined> {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = spec;
  return {
    ...spec,
    kind: 'string',
    defaultValue: spec.default,
    parse: (t) => {
      if (!/^\s*-?\d+\s*$/.test(t)) throw new Error(`expected a whole number, got ${JSON.stringify(t)}`);
      const n = Number(t);
      if (n < min || n > max) throw new Error(`must be ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}–${max}`}, got ${n}`);
      return n;
    },
  };
}

function parseBoolean(t: string): boolean {
  const v = t.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(v)) return false;
  throw new Error(`not true or false: ${JSON.stringify(t)}`);
}

export type Options = Record<string, Opt<unknown, unknown>>;
export type Resolved<O extends Options> = { [K in keyof O]: O[K] extends Opt<unknown, infer R> ? R : never };

export interface CommandSpec<O extends Options = Options> {
  name: string;
  /** One line for `ggm help`. */
  summary: string;
  /** What follows `ggm <name>` besides options: `<file …>`. */
  usage: string;
  /** Subcommands or positional forms, one per line (import postgres … / import csv …). */
  forms?: string[];
  options: O;
  /** Lines after the options (exit codes, examples). */
  notes?: string[];
  /** Takes positional arguments. */
  positionals?: boolean;
}

export function command<O extends Options>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** What the config file holds: top-level settings for every command, and a section per command. */
export type ConfigFile = { file: string; values: Record<string, unknown> };

export function readConfigFile(file: string): ConfigFile {
  let values: unknown;
  try {
    values = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read the configuration: ${(e as Error).message}`);
  }
  if (values === null || values === undefined) values = {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new Error(`${file}: the configuration must be a mapping of settings`);
  return { file: path.resolve(file), values: values as Record<string, unknown> };
}

function fileText(value: unknown, where: string): string {
  if (Array.isArray(value)) return value.map((v) => fileText(v, where)).join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${where}: expected a text, number, true/false or a list, got ${JSON.stringify(value)}`);
}

export interface ResolvedCommand<O extends Options> {
  values: Resolved<O>;
  positionals: string[];
  sources: Record<keyof O, Source>;
  help: boolean;
}

/**
 * Resolve a command's options: flags from argv, then the environment, then the
 * config file (`--config`, GGM_CONFIG), then defaults; validates every value.
 * `allCommands` lets the config file's top-level keys be checked against every
 * command's options (a key no command knows is an error).
 */
export function resolveCommand<O extends Options>(
  spec: CommandSpec<O>,
  argv: string[],
  env: NodeJS.ProcessEnv,
  allCommands: readonly CommandSpec[] = [spec],
): ResolvedCommand<O> {
  const parseOptions: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
    config: { type: 'string' },
  };
  for (const o of Object.values(spec.options)) {
    if (!o.flag) continue;
    parseOptions[o.flag] =
      o.kind === 'boolean' ? { type: 'boolean' } : o.kind === 'list' ? { type: 'string', multiple: true } : { type: 'string' };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: parseOptions, allowPositionals: !!spec.positionals, strict: true });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n\n${helpText(spec)}`);
  }
  const flags = parsed.values as Record<string, string | boolean | string[] | undefined>;
  const configFile = (flags.config as string | undefined) ?? (env.GGM_CONFIG || undefined);
  const file = configFile ? readConfigFile(configFile) : undefined;
  const fromFile = file ? fileSettings(spec, file, allCommands) : new Map<string, { text: string; where: string }>();

  const values: Record<string, unknown> = {};
  const sources: Record<string, Source> = {};
  for (const [key, o] of Object.entries(spec.options)) {
    const given = o.flag ? flags[o.flag] : undefined;
    let value: unknown;
    let source: Source = 'default';
    const parse = (t: string, where: string) => {
      try {
        return o.parse(t);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
    };
    if (given !== undefined && !(o.kind === 'boolean' && given === false)) {
      source = 'flag';
      value =
        o.kind === 'list'
          ? (given as string[]).flatMap((t) => parse(t, `--${o.flag}`) as string[])
          : o.kind === 'boolean'
            ? true
            : parse(given as string, `--${o.flag}`);
    } else if (o.env && env[o.env] !== undefined && env[o.env] !== '') {
      source = 'env';
      value = parse(env[o.env]!, o.env);
    } else if (fromFile.has(key)) {
      const f = fromFile.get(key)!;
      source = 'file';
      value = parse(f.text, f.where);
    } else value = o.defaultValue;
    values[key] = value;
    sources[key] = source;
  }
  return {
    values: values as Resolved<O>,
    positionals: parsed.positionals,
    sources: sources as Record<keyof O, Source>,
    help: !!flags.help,
  };
}

function fileKey(o: Option<unknown>): string | undefined {
  return o.file === false ? undefined : (o.file ?? o.flag);
}

/** The settings the config file gives this command, checking every key in it. */
function fileSettings(
  spec: CommandSpec,
  file: ConfigFile,
  allCommands: readonly CommandSpec[],
): Map<string, { text: string; where: string }> {
  const name = path.basename(file.file);
  const known = new Set(allCommands.flatMap((c) => Object.values(c.options).map(fileKey)).filter((k): k is string => !!k));
  const commands = new Map(allCommands.map((c) => [c.name, c]));
  const out = new Map<string, { text: string; where: string }>();
  const byKey = new Map(Object.entries(spec.options).map(([key, o]) => [fileKey(o), key]));
  for (const [k, v] of Object.entries(file.values)) {
    const section = commands.get(k);
    if (section) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${name}: ${k}: expected the settings of ggm ${k}`);
      const own = new Set(Object.values(section.options).map(fileKey));
      for (const [sk, sv] of Object.entries(v as Record<string, unknown>)) {
        if (!own.has(sk))
          throw new Error(`${name}: ${k}.${sk}: ggm ${k} has no setting "${sk}" (it has: ${[...own].filter(Boolean).join(', ')})`);
        if (section === spec) out.set(byKey.get(sk)!, { text: fileText(sv, `${name}: ${k}.${sk}`), where: `${name}: ${k}.${sk}` });
      }
      continue;
    }
    if (!known.has(k))
      throw new Error(
        `${name}: unknown setting "${k}" (settings: ${[...known].sort().join(', ')}; sections: ${[...commands.keys()].join(', ')})`,
      );
    const key = byKey.get(k);
    if (key !== undefined && !out.has(key)) out.set(key, { text: fileText(v, `${name}: ${k}`), where: `${name}: ${k}` });
  }
  return out;
}

/** The command's help, generated from its option definitions. */
/** A default as the help shows it: text and numbers as they are, nothing for anything else. */
function shown(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function helpText(spec: CommandSpec): string {
  const lines = [`ggm ${spec.name} ${spec.usage}`.trimEnd(), `  ${spec.summary}`];
  if (spec.forms?.length) lines.push('', ...spec.forms.map((f) => `  ggm ${spec.name} ${f}`));
  const rows: [string, string][] = [];
  for (const o of Object.values(spec.options)) {
    const left = o.flag ? `--${o.flag}${o.kind === 'boolean' ? '' : ` ${o.value ?? '<value>'}`}` : `env ${o.env}`;
    const from = [o.flag && o.env ? `env ${o.env}` : undefined].filter(Boolean);
    const def =
      o.defaultText ??
      (o.kind === 'boolean' ? undefined : Array.isArray(o.defaultValue) ? o.defaultValue.join(',') || undefined : shown(o.defaultValue));
    const extra = [...from, def !== undefined ? `default ${def}` : undefined].filter(Boolean).join('; ');
    rows.push([left, `${o.help}${extra ? ` (${extra})` : ''}`]);
  }
  rows.push(['--config <file>', 'settings from a YAML or JSON file (env GGM_CONFIG); flags and environment win']);
  rows.push(['--help', 'this text']);
  const width = Math.min(30, Math.max(...rows.map(([l]) => l.length)) + 2);
  lines.push('', 'options:');
  for (const [l, r] of rows) lines.push(l.length + 2 > width ? `  ${l}\n  ${' '.repeat(width)}${r}` : `  ${l.padEnd(width)}${r}`);
  if (spec.notes?.length) lines.push('', ...spec.notes);
  return lines.join('\n');
}

/** The resolved settings for display: `--flag value (source)`, secrets masked. */
export function describeSettings<O extends Options>(spec: CommandSpec<O>, resolved: ResolvedCommand<O>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, o] of Object.entries(spec.options)) {
    const v = resolved.values[key as keyof O];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    const shown = o.secret ? '***' : Array.isArray(v) ? v.join(',') : String(v);
    out[o.flag ?? o.env ?? key] = `${shown} (${resolved.sources[key as keyof O]})`;
  }
  return out;
}
