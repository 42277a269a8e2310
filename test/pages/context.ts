/**
 * One service and one Chromium for all page tests (test/pages.test.ts): the
 * service loads the published files (ontology, shapes, code lists, demo
 * municipality) once and builds its search index once, instead of once per
 * test file. The test modules in this folder read `svc` and `browser` (live
 * bindings, set by startPages before their tests run).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ROOT, startFixtureService, type FixtureService } from '../server-support.js';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export let svc: FixtureService;
export let browser: Browser;

export async function startPages(): Promise<void> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is needed (apt-get install -y chromium)`);
  [svc, browser] = await Promise.all([startFixtureService({ root: ROOT }), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
}

export async function stopPages(): Promise<void> {
  await browser?.close();
  await svc?.close();
}

/** A page's HTML body over plain HTTP (as a browser asks for it). */
export async function getHtml(path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`${svc.url}${path}`, { headers: { Accept: 'text/html' } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}
