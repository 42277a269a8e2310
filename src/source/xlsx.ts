/**
 * Reads a workbook into plain string tables: one table per sheet, one record
 * per row (header row → keys). Knows nothing of the GGM.
 */
import ExcelJS from 'exceljs';
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
    super(`${file}${sheet ? ` [sheet ${sheet}` : ''}${row ? `, row ${row}` : ''}${column ? `, column ${column}` : ''}${sheet ? ']' : ''}: ${message}`);
    this.name = 'SourceError';
  }
}

function cellText(v: ExcelJS.CellValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return undefined;
  }
  return String(v);
}

/** Read every sheet of an .xlsx file. Throws SourceError for a missing, corrupt or non-xlsx file. */
export async function readWorkbook(file: string): Promise<Map<string, Sheet>> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new SourceError('not a file', file);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  const buf = await readFile(file);
  if (buf.length < 4 || buf[0] !== 0x50 || buf[1] !== 0x4b) {
    throw new SourceError('not an .xlsx workbook (no ZIP signature); expected the crunch_uml Excel export', file);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new SourceError(`corrupt .xlsx workbook: ${(e as Error).message}`, file);
  }
  const sheets = new Map<string, Sheet>();
  wb.eachSheet((ws) => {
    const header = ws.getRow(1);
    const columns: string[] = [];
    header.eachCell({ includeEmpty: true }, (cell, col) => {
      columns[col - 1] = (cellText(cell.value) ?? '').trim();
    });
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const values: Record<string, string | undefined> = {};
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const key = columns[col - 1];
        if (key) values[key] = cellText(cell.value);
      });
      rows.push({ row: rowNumber, values });
    });
    sheets.set(ws.name, { name: ws.name, columns: columns.filter((c) => c !== undefined), rows });
  });
  return sheets;
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
