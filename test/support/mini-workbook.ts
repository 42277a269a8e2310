/**
 * Builds small crunch_uml-shaped workbooks for reader tests: the same sheets and
 * columns as the real export, with a handful of rows that the test controls.
 */
import ExcelJS from 'exceljs';

export type Rows = Record<string, Record<string, string | boolean | number | null>[]>;

export const COLUMNS: Record<string, string[]> = {
  packages: ['id', 'name', 'parent_package_id', 'stereotype', 'version', 'release', 'definitie', 'alias'],
  classes: ['id', 'name', 'package_id', 'stereotype', 'definitie', 'toelichting', 'is_datatype', 'herkomst', 'synoniemen', 'gemma_url'],
  attributes: [
    'id',
    'name',
    'clazz_id',
    'primitive',
    'type_class_id',
    'enumeration_id',
    'verplicht',
    'mogelijk_geen_waarde',
    'definitie',
    'patroon',
    'lengte',
  ],
  enumerations: ['id', 'name', 'package_id', 'definitie'],
  enumerationliterals: ['id', 'name', 'enumeratie_id', 'definitie'],
  associations: [
    'id',
    'name',
    'src_class_id',
    'dst_class_id',
    'src_mult_start',
    'src_mult_end',
    'dst_mult_start',
    'dst_mult_end',
    'src_role',
    'dst_role',
    'definitie',
  ],
  generalizations: ['id', 'subclass_id', 'superclass_id'],
};

/** A minimal valid model: root → domain → two classes, one enumeration, one association, one generalization. */
export function miniModel(): Rows {
  return {
    packages: [
      { id: 'EAPK_ROOT', name: 'Test GGM', stereotype: 'Basismodel', version: '9.9.9', release: '20260101' },
      { id: 'EAPK_DOM', name: 'Burgerzaken', parent_package_id: 'EAPK_ROOT', stereotype: 'Domein' },
      { id: 'EAPK_MODEL', name: 'Model Burgerzaken', parent_package_id: 'EAPK_DOM' },
    ],
    classes: [
      {
        id: 'EAID_PERSOON',
        name: 'Persoon',
        package_id: 'EAPK_MODEL',
        stereotype: 'Objecttype',
        definitie: 'Een <b>mens</b>#NOTES#Description: residu',
        is_datatype: false,
      },
      {
        id: 'EAID_INGESCHREVEN',
        name: 'Ingeschreven Persoon',
        package_id: 'EAPK_MODEL',
        stereotype: 'Objecttype',
        definitie: 'Een ingeschreven persoon',
        is_datatype: false,
        toelichting: '<memo>',
      },
    ],
    attributes: [
      {
        id: 'EAID_A_NAAM',
        name: 'geslachtsnaam',
        clazz_id: 'EAID_PERSOON',
        primitive: 'AN200',
        verplicht: false,
        mogelijk_geen_waarde: 'Nee',
      },
      {
        id: 'EAID_A_GEB',
        name: 'geboortedatum',
        clazz_id: 'EAID_PERSOON',
        primitive: 'Datum',
        verplicht: false,
        mogelijk_geen_waarde: 'Ja',
      },
      {
        id: 'EAID_A_GESL',
        name: 'geslacht',
        clazz_id: 'EAID_PERSOON',
        primitive: 'Geslacht',
        enumeration_id: 'EAID_E_GESL',
        verplicht: false,
        mogelijk_geen_waarde: 'Ja',
      },
      {
        id: 'EAID_dstSOC_0001',
        clazz_id: 'EAID_INGESCHREVEN',
        primitive: 'Persoon',
        type_class_id: 'EAID_PERSOON',
        verplicht: false,
        mogelijk_geen_waarde: 'Ja',
      },
    ],
    enumerations: [{ id: 'EAID_E_GESL', name: 'Geslacht', package_id: 'EAPK_MODEL', definitie: 'Geslacht van een persoon' }],
    enumerationliterals: [
      { id: 'EAID_L_M', name: 'Man', enumeratie_id: 'EAID_E_GESL' },
      { id: 'EAID_L_V', name: 'Vrouw', enumeratie_id: 'EAID_E_GESL' },
    ],
    associations: [
      {
        id: 'EAID_ASSOC_0001',
        name: 'heeft',
        src_class_id: 'EAID_INGESCHREVEN',
        dst_class_id: 'EAID_PERSOON',
        src_mult_start: '0',
        src_mult_end: '-1',
        dst_mult_start: '1',
        dst_mult_end: '1',
      },
    ],
    generalizations: [{ id: 'EAID_G_1', subclass_id: 'EAID_INGESCHREVEN', superclass_id: 'EAID_PERSOON' }],
  };
}

export async function writeWorkbook(file: string, rows: Rows, columns: Record<string, string[]> = COLUMNS): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, cols] of Object.entries(columns)) {
    const ws = wb.addWorksheet(sheet);
    ws.addRow(cols);
    for (const r of rows[sheet] ?? []) ws.addRow(cols.map((c) => (r[c] === undefined ? null : r[c])));
  }
  await wb.xlsx.writeFile(file);
}
