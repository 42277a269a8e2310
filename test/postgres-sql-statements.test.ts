/**
 * Splitting PostgreSQL scripts into statements: the cases the GGM's DDL and a
 * municipality's own scripts contain (semicolons in strings, comments, dollar quotes).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { splitSqlStatements, SqlSplitError } from '../src/data/postgres/sql-statements.js';
import { parseValueTuples, splitColumnDefinitions } from '../src/data/postgres/warehouse.js';
import { sharedDir } from '../src/cli/paths.js';

describe('splitSqlStatements', () => {
  it('keeps semicolons inside strings, identifiers, comments and dollar quotes', () => {
    const sql = [
      '-- leading comment; not a statement',
      "INSERT INTO T (ID, VALUE) VALUES (1, 'a;b'), (2, 'it''s; fine');",
      'CREATE TABLE "Odd;Name" (X INTEGER);',
      '/* block ; /* nested ; */ still comment */ SELECT 1;',
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;',
      "SELECT E'back\\'slash;';",
      'ALTER TABLE A ADD CONSTRAINT FK FOREIGN KEY (B_ID) REFERENCES B (B_ID);',
      '-- B (0..* to 1, Connector_ID: 42)',
      '',
      'SELECT 2',
    ].join('\n');
    const s = splitSqlStatements(sql);
    assert.deepEqual(
      s.map((x) => x.sql),
      [
        "INSERT INTO T (ID, VALUE) VALUES (1, 'a;b'), (2, 'it''s; fine')",
        'CREATE TABLE "Odd;Name" (X INTEGER)',
        'SELECT 1',
        'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql',
        "SELECT E'back\\'slash;'",
        'ALTER TABLE A ADD CONSTRAINT FK FOREIGN KEY (B_ID) REFERENCES B (B_ID)',
        'SELECT 2',
      ],
    );
    assert.deepEqual(
      s.map((x) => x.line),
      [2, 3, 4, 5, 6, 7, 10],
    );
    assert.deepEqual(
      s.map((x) => x.index),
      [1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(s[5]!.trailingComment, 'B (0..* to 1, Connector_ID: 42)');
  });

  it('names the line of an unterminated string or comment', () => {
    assert.throws(
      () => splitSqlStatements("SELECT 1;\nSELECT 'open;\n"),
      (e: Error) => e instanceof SqlSplitError && e.line === 2,
    );
    assert.throws(
      () => splitSqlStatements('SELECT 1;\n\n/* open'),
      (e: Error) => e instanceof SqlSplitError && e.line === 3,
    );
  });

  it('splits every GGM DDL file into statements that each start with CREATE, ALTER or INSERT', async () => {
    const root = path.join(sharedDir(), 'ggm', 'v2.5.1', 'ddl-postgres');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.sql'));
    let total = 0;
    for (const f of files) {
      const text = await readFile(path.join(root, f), 'utf8');
      const s = splitSqlStatements(text);
      total += s.length;
      for (const x of s) assert.match(x.sql, /^(CREATE TABLE|ALTER TABLE|INSERT INTO) /, `${f} statement ${x.index} (line ${x.line})`);
      // As many statements as top-level semicolons at line ends.
      assert.equal(s.length, text.split('\n').filter((l) => /;\s*$/.test(l)).length, f);
    }
    assert.ok(total > 5000);
  });
});

describe('DDL pieces', () => {
  it('splits column definitions on top-level commas only', () => {
    assert.deepEqual(splitColumnDefinitions('A_ID INTEGER PRIMARY KEY,\n BEDRAG DECIMAL(10,2),\n NAAM VARCHAR(80)'), [
      'A_ID INTEGER PRIMARY KEY',
      'BEDRAG DECIMAL(10,2)',
      'NAAM VARCHAR(80)',
    ]);
  });
  it('reads enumeration VALUES tuples, with doubled quotes', () => {
    assert.deepEqual(parseValueTuples("(1, 'NIET_OKE'),\n    (2, 'O''NEIL'),\n    (3, 'OKE')"), [
      ['1', 'NIET_OKE'],
      ['2', "O'NEIL"],
      ['3', 'OKE'],
    ]);
  });
});
