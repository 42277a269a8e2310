/**
 * Reads a workbook into plain string tables: one table per sheet, one record
 * per row (header row → keys). Knows nothing of the GGM.
 */
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { readFile, stat } from 'node:fs/promises';

export interface SheetRow {
  /** 1-based row number in the sheet (the header is row 1). */
  row: number;
  values: Record<string, string | undefined>;
}

export interface Sheet {
  name: string;
  columns: string[];
  rows: SheetRow[];
}

export class SourceError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly sheet?: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(
      `${file}${sheet ? ` [sheet ${sheet}` : ''}${row ? `, row ${row}` : ''}${column ? `, column ${column}` : ''}${sheet ? ']' : ''}: ${message}`,
    );
    this.name = 'SourceError';
  }
}

/**
 * Read every sheet of an .xlsx file (Office Open XML SpreadsheetML): unzip with
 * fflate, parse the parts with the saxes XML parser. Only cell text is needed,
 * so this reads in a fraction of the time and memory of a full workbook model.
 * Throws SourceError for a missing, corrupt or non-xlsx file.
 */
export async function readWorkbook(file: string): Promise<Map<string, Sheet>> {
  let buf: Buffer;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new SourceError('not a file', file);
    buf = await readFile(file);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  if (buf.length < 4 || buf[0] !== 0x50 || buf[1] !== 0x4b) {
    throw new SourceError('not an .xlsx workbook (no ZIP signature); expected the crunch_uml Excel export', file);
  }
  const zip = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  // Unzip one part at a time, so only one sheet's XML is in memory at once.
  const part = (name: string): XmlText | undefined => {
    let parts: Record<string, Uint8Array>;
    try {
      parts = unzipSync(zip, { filter: (f) => f.name === name });
    } catch (e) {
      throw new SourceError(`corrupt .xlsx workbook: ${(e as Error).message}`, file);
    }
    return parts[name];
  };
  const workbookXml = part('xl/workbook.xml');
  const relsXml = part('xl/_rels/workbook.xml.rels');
  if (!workbookXml || !relsXml) throw new SourceError('corrupt .xlsx workbook: xl/workbook.xml or its relationships are missing', file);
  try {
    const rels = new Map<string, string>();
    forEachElement(relsXml, (name, attrs) => {
      if (name === 'Relationship') rels.set(attrs.Id ?? '', attrs.Target ?? '');
    });
    const shared = readSharedStrings(part('xl/sharedStrings.xml'));
    const sheets = new Map<string, Sheet>();
    forEachElement(workbookXml, (name, attrs) => {
      if (name !== 'sheet') return;
      const target = rels.get(attrs['r:id'] ?? '') ?? '';
      const partName = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      const xml = part(partName);
      if (xml === undefined) throw new Error(`sheet "${attrs.name}" refers to missing part ${partName}`);
      sheets.set(attrs.name ?? partName, readSheet(attrs.name ?? partName, xml, shared));
    });
    return sheets;
  } catch (e) {
    throw new SourceError(`corrupt .xlsx workbook: ${(e as Error).message}`, file);
  }
}

/** XML as bytes (UTF-8), decoded in chunks while parsing. */
type XmlText = Uint8Array;

/** Feed UTF-8 bytes to a parser in chunks: no string of the whole part is ever built. */
function feed(p: SaxesParser, xml: XmlText): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const CHUNK = 1 << 20;
  for (let i = 0; i < xml.length; i += CHUNK) p.write(decoder.decode(xml.subarray(i, i + CHUNK), { stream: true }));
  p.write(decoder.decode());
  p.close();
}

/** Call back for every start tag (with its attributes) of an XML document. */
function forEachElement(xml: XmlText, onOpen: (name: string, attrs: Record<string, string>) => void): void {
  const p = new SaxesParser();
  p.on('opentag', (t) => onOpen(t.name, t.attributes as Record<string, string>));
  p.on('error', (e) => {
    throw e;
  });
  feed(p, xml);
}

/** xl/sharedStrings.xml: each <si> is one string, the concatenation of its <t> texts (rich text runs). */
function readSharedStrings(xml: XmlText | undefined): string[] {
  const out: string[] = [];
  if (!xml) return out;
  const p = new SaxesParser();
  let inT = false;
  let phonetic = false;
  let cur = '';
  p.on('opentag', (t) => {
    if (t.name === 'si') cur = '';
    else if (t.name === 't') inT = true;
    else if (t.name === 'rPh') phonetic = true;
  });
  p.on('closetag', (t) => {
    if (t.name === 'si') out.push(cur);
    else if (t.name === 't') inT = false;
    else if (t.name === 'rPh') phonetic = false;
  });
  p.on('text', (text) => {
    if (inT && !phonetic) cur += text;
  });
  p.on('error', (e) => {
    throw e;
  });
  feed(p, xml);
  return out;
}

function columnIndex(ref: string | undefined, fallback: number): number {
  if (!ref) return fallback;
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n > 0 ? n - 1 : fallback;
}

/** One worksheet: the first row is the header; cells are shared strings, inline strings, booleans or numbers. */
function readSheet(name: string, xml: XmlText, shared: string[]): Sheet {
  const p = new SaxesParser();
  let columns: string[] = [];
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  let cells: (string | undefined)[] = [];
  let col = 0;
  let type = '';
  let text = '';
  let inValue = false;
  p.on('opentag', (t) => {
    const a = t.attributes as Record<string, string>;
    switch (t.name) {
      case 'row':
        rowNumber = a.r ? Number(a.r) : rowNumber + 1;
        cells = [];
        col = 0;
        break;
      case 'c':
        col = columnIndex(a.r, col);
        type = a.t ?? 'n';
        text = '';
        break;
      case 'v':
      case 't':
        inValue = true;
        break;
    }
  });
  p.on('text', (s) => {
    if (inValue) text += s;
  });
  p.on('closetag', (t) => {
    switch (t.name) {
      case 'v':
      case 't':
        inValue = false;
        break;
      case 'c': {
        let v: string | undefined = text;
        if (type === 's') v = shared[Number(text)];
        else if (type === 'b') v = text === '1' ? 'true' : 'false';
        else if (type === 'e') v = undefined;
        else if (type === 'n' && text === '') v = undefined;
        cells[col] = v;
        col++;
        break;
      }
      case 'row':
        if (rowNumber === 1) columns = cells.map((c) => (c ?? '').trim());
        else {
          const values: Record<string, string | undefined> = {};
          let any = false;
          cells.forEach((v, i) => {
            const key = columns[i];
            if (key && v !== undefined) {
              values[key] = v;
              any = true;
            }
          });
          if (any) rows.push({ row: rowNumber, values });
        }
        break;
    }
  });
  p.on('error', (e) => {
    throw new Error(`sheet "${name}": ${e.message}`);
  });
  feed(p, xml);
  return { name, columns: columns.filter((c) => c !== ''), rows };
}

/** A sheet that must exist with the given columns; a clear error otherwise. */
export function requireSheet(sheets: Map<string, Sheet>, file: string, name: string, columns: string[]): Sheet {
  const s = sheets.get(name);
  if (!s) throw new SourceError(`missing sheet "${name}" (sheets present: ${[...sheets.keys()].join(', ')})`, file);
  for (const c of columns) {
    if (!s.columns.includes(c)) throw new SourceError(`missing column "${c}"`, file, name, 1, c);
  }
  return s;
}
