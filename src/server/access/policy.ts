/**
 * The access policy (config/access.yaml): which named graphs are public and
 * which restricted, which roles may read or write which graphs, and which
 * credentials carry which role. Credentials are never in the file: either the
 * NAME of an environment variable that holds the secret, or its sha256 hash.
 *
 * Graph patterns: an exact IRI, or a prefix ending in `*`; `*` alone is every graph.
 * A graph matched by a `restricted` pattern is restricted, whatever `public` says;
 * a graph matched by neither follows `default` (restricted unless told otherwise).
 * A personal companion graph (`…/persoonsgegevens`, data/personal-placement.ts) is
 * restricted unless `public` names that exact graph: no prefix makes personal data public.
 *
 * Role grants are exact: a role reads or writes the graphs it names, or every graph
 * with `*`; a prefix grant (`…/demo/*`) is refused, because it would also grant every
 * graph added under that prefix later (the HR graph under a social-domain grant).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { Caller } from '../../store/access.js';
import { isPersonalGraph } from '../../data/personal-placement.js';

export interface AccessPolicy {
  file: string;
  publicGraphs: string[];
  restrictedGraphs: string[];
  defaultPublic: boolean;
  roles: Map<string, { read: string[]; write: string[] }>;
  /** sha256 of each accepted credential, with its role. */
  credentials: Array<{ hash: Buffer; role: string }>;
  /** Configured credentials whose environment variable is not set (names only). */
  unsetVariables: string[];
}

export function matches(pattern: string, graph: string): boolean {
  return pattern.endsWith('*') ? graph.startsWith(pattern.slice(0, -1)) : pattern === graph;
}

/** Role grants: exact graph IRIs, or `*` (every graph). */
function grantList(value: unknown, where: string): string[] {
  const list = stringList(value, where);
  const prefix = list.find((p) => p.endsWith('*') && p !== '*');
  if (prefix)
    throw new Error(
      `${where}: ${JSON.stringify(prefix)} is a prefix grant; name each graph exactly (or '*' for every graph), so that a graph added later under the prefix is not granted by accident`,
    );
  return list;
}

function stringList(value: unknown, where: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === ''))
    throw new Error(`${where}: expected a list of graph IRIs or prefixes ending in *`);
  return value as string[];
}

/** Parse a policy; errors name the file and the element. `env` supplies the secrets named in the file. */
export function parseAccessPolicy(text: string, file: string, env: NodeJS.ProcessEnv = {}): AccessPolicy {
  let doc: Record<string, unknown>;
  try {
    doc = (YAML.parse(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const graphs = (doc.graphs ?? {}) as Record<string, unknown>;
  const defaultValue = graphs.default ?? 'restricted';
  if (defaultValue !== 'public' && defaultValue !== 'restricted')
    throw new Error(`${file}: graphs.default must be public or restricted, got ${JSON.stringify(defaultValue)}`);
  const roles = new Map<string, { read: string[]; write: string[] }>();
  for (const [name, spec] of Object.entries((doc.roles ?? {}) as Record<string, { read?: unknown; write?: unknown }>)) {
    if (name === 'anonymous') throw new Error(`${file}: roles.anonymous: that name is reserved for callers without a credential`);
    roles.set(name, {
      read: grantList(spec?.read, `${file}: roles.${name}.read`),
      write: grantList(spec?.write, `${file}: roles.${name}.write`),
    });
  }
  const credentials: AccessPolicy['credentials'] = [];
  const unsetVariables: string[] = [];
  const list = doc.credentials ?? [];
  if (!Array.isArray(list)) throw new Error(`${file}: credentials must be a list`);
  list.forEach((c: { role?: unknown; env?: unknown; sha256?: unknown }, i: number) => {
    const where = `${file}: credentials[${i}]`;
    if (typeof c?.role !== 'string' || !roles.has(c.role))
      throw new Error(`${where}: role ${JSON.stringify(c?.role)} is not one of roles: ${[...roles.keys()].join(', ')}`);
    if (typeof c.env === 'string') {
      const secret = env[c.env];
      if (secret) credentials.push({ hash: sha256(secret), role: c.role });
      else unsetVariables.push(c.env);
    } else if (typeof c.sha256 === 'string' && /^[0-9a-f]{64}$/i.test(c.sha256))
      credentials.push({ hash: Buffer.from(c.sha256, 'hex'), role: c.role });
    else
      throw new Error(
        `${where}: give env (the name of an environment variable holding the secret) or sha256 (64 hex digits); never the secret itself`,
      );
  });
  return {
    file,
    publicGraphs: stringList(graphs.public, `${file}: graphs.public`),
    restrictedGraphs: stringList(graphs.restricted, `${file}: graphs.restricted`),
    defaultPublic: defaultValue === 'public',
    roles,
    credentials,
    unsetVariables,
  };
}

export function loadAccessPolicy(file: string, env: NodeJS.ProcessEnv = {}): AccessPolicy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: cannot read the access policy: ${(e as Error).message}`);
  }
  return parseAccessPolicy(text, file, env);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function isPublic(policy: AccessPolicy, graph: string): boolean {
  if (policy.restrictedGraphs.some((p) => matches(p, graph))) return false;
  if (isPersonalGraph(graph)) return policy.publicGraphs.includes(graph);
  return policy.publicGraphs.some((p) => matches(p, graph)) || policy.defaultPublic;
}

/** The caller with the given role (anonymous: public graphs only). */
export function callerFor(policy: AccessPolicy, role: string): Caller {
  const rights = policy.roles.get(role) ?? { read: [], write: [] };
  return {
    role,
    canRead: (g) => isPublic(policy, g) || rights.read.some((p) => matches(p, g)) || rights.write.some((p) => matches(p, g)),
    canWrite: (g) => rights.write.some((p) => matches(p, g)),
    writes: rights.write.length > 0,
  };
}

/**
 * The caller of a request from its Authorization (Bearer) or X-API-Key header:
 * anonymous without one, undefined when the credential given is not accepted.
 */
export function resolveCaller(
  policy: AccessPolicy,
  headers: { authorization?: string; 'x-api-key'?: string | string[] },
): Caller | undefined {
  const auth = headers.authorization;
  const apiKey = headers['x-api-key'];
  let secret: string | undefined;
  if (auth !== undefined) secret = /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1] ?? '';
  else if (typeof apiKey === 'string') secret = apiKey.trim();
  else if (Array.isArray(apiKey)) return undefined;
  if (secret === undefined) return callerFor(policy, 'anonymous');
  if (secret === '') return undefined;
  const hash = sha256(secret);
  const match = policy.credentials.find((c) => timingSafeEqual(c.hash, hash));
  return match ? callerFor(policy, match.role) : undefined;
}
