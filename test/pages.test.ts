/**
 * The HTML pages on the service loaded with the published files, sharing one
 * service process and one Chromium (starting the service and building its
 * search index cost more than most of the tests): accessibility (WCAG 2.1 AA,
 * every page type), search, domain pages and diagrams, the domain tree and
 * the A–Z index, code lists, the query library and the cross-domain page.
 * Each part's tests live in test/pages/.
 */
import { after, before, describe } from 'node:test';
import { startPages, stopPages } from './pages/context.js';
import { accessibilityTests } from './pages/accessibility.js';
import { searchTests } from './pages/search.js';
import { crossDomainTests } from './pages/cross-domain.js';
import { domainTests, modelIndexTests } from './pages/domains.js';
import { codelistTests } from './pages/codelists.js';
import { qualityTests } from './pages/quality.js';

before(startPages);
after(stopPages);

describe('accessibility', accessibilityTests);
describe('query library and cross-domain page', crossDomainTests);
describe('domains and class diagrams', domainTests);
describe('domain tree and A–Z index', modelIndexTests);
describe('code lists', codelistTests);
describe('quality report pages', qualityTests);
// Last: one of its tests changes the store.
describe('search and instance names', searchTests);
