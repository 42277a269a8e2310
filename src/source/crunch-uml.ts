/**
 * The crunch_uml Excel export of the GGM → the typed GGM model.
 * Sheets: packages, classes, attributes, enumerations, enumerationliterals,
 * associations, generalizations, diagrams, diagram_class, diagram_enumeration.
 */
import path from 'node:path';
import type {
  Attribuutsoort,
  Diagram,
  Domein,
  Enumeratie,
  Enumeratiewaarde,
  GgmModel,
  Generalisatie,
  MimMetadata,
  Multiplicity,
  Objecttype,
  Package,
  QualityFinding,
  Relatiesoort,
  ResolvedType,
  SourceOrigin,
} from '../model/types.js';
import { cleanFlag, cleanText, splitSynonyms, type Cleaned } from '../model/clean.js';
import { resolvePrimitive } from '../model/datatypes.js';
import { readWorkbook, requireSheet, SourceError, type SheetRow } from './xlsx.js';

const REQUIRED: Record<string, string[]> = {
  packages: ['id', 'name', 'parent_package_id', 'stereotype'],
  classes: ['id', 'name', 'package_id', 'stereotype', 'definitie', 'is_datatype'],
  attributes: ['id', 'name', 'clazz_id', 'primitive', 'type_class_id', 'enumeration_id', 'verplicht', 'mogelijk_geen_waarde'],
  enumerations: ['id', 'name', 'package_id'],
  enumerationliterals: ['id', 'name', 'enumeratie_id'],
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
  ],
  generalizations: ['id', 'subclass_id', 'superclass_id'],
};

export async function readCrunchUmlWorkbook(file: string): Promise<GgmModel> {
  const sheets = await readWorkbook(file);
  const fileName = path.basename(file);
  const sheet = (name: string) => requireSheet(sheets, file, name, REQUIRED[name] ?? []);
  const findings: QualityFinding[] = [];
  const origin = (sheetName: string, r: SheetRow): SourceOrigin => ({ file: fileName, sheet: sheetName, row: r.row });

  // ---- cleaning with reporting -------------------------------------------------
  let currentPath: string | undefined;
  const text = (
    r: SheetRow,
    sheetName: string,
    col: string,
    guid: string | undefined,
    name: string | undefined,
    multiline = false,
  ): string | undefined => {
    const c: Cleaned = cleanText(r.values[col], { multiline });
    const at = { guid, elementName: name, packagePath: currentPath, origin: origin(sheetName, r) };
    if (c.encoding) {
      const repaired = c.encoding.filter(([, f]) => f !== undefined);
      const damaged = c.encoding.filter(([, f]) => f === undefined);
      const list = (runs: [string, string | undefined][]) =>
        [...new Set(runs.map(([from, to]) => (to ? `"${from}" → "${to}"` : `"${from}"`)))].join(', ');
      findings.push({
        rule: 'source:double-encoded',
        severity: 'warning',
        message: `${col}: dubbel gecodeerde tekst (UTF-8 gelezen als Windows-1252)${repaired.length ? `, hersteld: ${list(repaired)}` : ''}${damaged.length ? `; niet eenduidig te herstellen, ongewijzigd: ${list(damaged)}` : ''}`,
        ...at,
      });
    }
    if (c.entities)
      findings.push({
        rule: 'source:html-entity',
        severity: 'warning',
        message: `${col}: HTML-entiteit in platte tekst (${[...new Set(c.entities)].join(', ')}), omgezet naar het teken`,
        ...at,
      });
    for (const a of c.actions) {
      if (a === 'whitespace' || a === 'encoding-repaired' || a === 'encoding-damaged' || a === 'entity-decoded') continue;
      findings.push({
        rule: `clean:${a}`,
        severity: 'info',
        message:
          a === 'notes-residue'
            ? `${col}: removed EA tagged-value residue ${JSON.stringify(truncate(c.removed ?? '', 120))}${c.value ? `; kept ${JSON.stringify(truncate(c.value, 60))}` : '; no value left'}`
            : a === 'placeholder'
              ? `${col}: placeholder ${JSON.stringify(truncate(r.values[col] ?? '', 40))} treated as no value`
              : `${col}: HTML markup converted to plain text`,
        guid,
        elementName: name,
        packagePath: currentPath,
        origin: origin(sheetName, r),
      });
    }
    return c.value;
  };
  const mimOf = (r: SheetRow, s: string, guid: string, name: string | undefined): MimMetadata => {
    const m: MimMetadata = {};
    const set = <K extends keyof MimMetadata>(k: K, v: MimMetadata[K] | undefined) => {
      if (v !== undefined) m[k] = v;
    };
    set('herkomst', text(r, s, 'herkomst', guid, name));
    set('herkomstDefinitie', text(r, s, 'herkomst_definitie', guid, name));
    set('datumOpname', text(r, s, 'datum_opname', guid, name));
    set('authentiek', text(r, s, 'authentiek', guid, name));
    set('populatie', text(r, s, 'populatie', guid, name));
    set('kwaliteit', text(r, s, 'kwaliteit', guid, name));
    set('begrip', text(r, s, 'begrip', guid, name));
    set('bron', text(r, s, 'bron', guid, name));
    set('indicatieFormeleHistorie', cleanFlag(r.values.indicatie_formele_historie));
    set('indicatieMaterieleHistorie', cleanFlag(r.values.indicatie_materiele_historie));
    set('indicatieInOnderzoek', cleanFlag(r.values.indicatie_in_onderzoek));
    set('heeftTijdlijnGeldigheid', cleanFlag(r.values.heeft_tijdlijn_geldigheid));
    set('heeftTijdlijnRegistratie', cleanFlag(r.values.heeft_tijdlijn_registratie));
    set('mogelijkGeenWaarde', cleanFlag(r.values.mogelijk_geen_waarde));
    return m;
  };

  // ---- packages and domains ----------------------------------------------------
  const pkgSheet = sheet('packages');
  const packages = new Map<string, Package>();
  for (const r of pkgSheet.rows) {
    const guid = r.values.id?.trim();
    if (!guid) throw new SourceError('package without id', file, 'packages', r.row, 'id');
    const name = cleanText(r.values.name).value ?? guid;
    packages.set(guid, {
      guid,
      name,
      mim: {},
      origin: origin('packages', r),
      path: [],
      parentGuid: r.values.parent_package_id?.trim() || undefined,
      stereotype: cleanText(r.values.stereotype).value,
      version: cleanText(r.values.version).value,
      release: cleanText(r.values.release).value,
      definitie: cleanText(r.values.definitie, { multiline: true }).value,
      alias: cleanText(r.values.alias).value,
    });
  }
  for (const p of packages.values()) {
    const names: string[] = [];
    const seen = new Set<string>();
    let cur: Package | undefined = p;
    while (cur && !seen.has(cur.guid)) {
      seen.add(cur.guid);
      names.unshift(cur.name);
      cur = cur.parentGuid ? packages.get(cur.parentGuid) : undefined;
    }
    p.path = names;
  }
  const root = [...packages.values()].find((p) => !p.parentGuid || !packages.has(p.parentGuid));
  if (!root) throw new SourceError('no root package', file, 'packages');
  const domeinen = new Map<string, Domein>();
  const domeinOf = (pkgGuid: string): string | undefined => {
    let cur = packages.get(pkgGuid);
    while (cur) {
      if (cur.stereotype?.toLowerCase() === 'domein') return cur.guid;
      cur = cur.parentGuid ? packages.get(cur.parentGuid) : undefined;
    }
    return undefined;
  };
  for (const p of packages.values()) {
    if (p.stereotype?.toLowerCase() !== 'domein') continue;
    domeinen.set(p.guid, { guid: p.guid, name: p.name, beleidsdomein: p.path[1] ?? p.name, path: p.path });
  }
  const pathOf = (pkgGuid: string | undefined) => (pkgGuid ? packages.get(pkgGuid)?.path.join(' / ') : undefined);

  // ---- classes ------------------------------------------------------------------
  const objecttypen = new Map<string, Objecttype>();
  const skippedClasses = new Map<string, string>(); // guid → name
  for (const r of sheet('classes').rows) {
    const guid = r.values.id?.trim();
    if (!guid) {
      findings.push({
        rule: 'source:missing-guid',
        severity: 'error',
        message: 'class row without a GUID skipped',
        origin: origin('classes', r),
      });
      continue;
    }
    const pkgGuid = r.values.package_id?.trim() ?? '';
    currentPath = pathOf(pkgGuid);
    const rawName = r.values.name;
    const name = cleanText(rawName).value;
    const stereotype = cleanText(r.values.stereotype).value;
    const isDatatype = cleanFlag(r.values.is_datatype) === true;
    if (stereotype?.toLowerCase() !== 'objecttype' && !isDatatype) {
      skippedClasses.set(guid, name ?? '');
      findings.push({
        rule: 'source:not-a-model-element',
        severity: 'warning',
        message: `class "${name ?? ''}" has no «Objecttype» stereotype and is not a datatype (an EA diagram artefact such as a proxy connector or diagram frame); not published`,
        guid,
        elementName: name,
        packagePath: currentPath,
        origin: origin('classes', r),
      });
      continue;
    }
    if (!packages.has(pkgGuid)) {
      findings.push({
        rule: 'source:dangling-reference',
        severity: 'error',
        message: `class refers to unknown package ${pkgGuid}`,
        guid,
        elementName: name,
        origin: origin('classes', r),
      });
    }
    if (!name) {
      findings.push({
        rule: 'm2',
        severity: 'error',
        message: 'Objecttype without a name (ontwerpregel m2); named after its GUID',
        guid,
        packagePath: currentPath,
        origin: origin('classes', r),
      });
    }
    const ot: Objecttype = {
      guid,
      name: name ?? guid,
      kind: stereotype?.toLowerCase() === 'objecttype' ? 'objecttype' : 'gestructureerd-datatype',
      packageGuid: pkgGuid,
      domeinGuid: domeinOf(pkgGuid),
      definitie: text(r, 'classes', 'definitie', guid, name, true),
      toelichting: text(r, 'classes', 'toelichting', guid, name, true),
      synoniemen: splitSynonyms(text(r, 'classes', 'synoniemen', guid, name)),
      alias: text(r, 'classes', 'alias', guid, name),
      mim: mimOf(r, 'classes', guid, name),
      origin: origin('classes', r),
      attributen: [],
    };
    const gemmaUrl = text(r, 'classes', 'gemma_url', guid, name);
    const gemmaNaam = text(r, 'classes', 'gemma_naam', guid, name);
    if (gemmaUrl || gemmaNaam) {
      ot.gemma = {
        url: gemmaUrl,
        naam: gemmaNaam,
        type: text(r, 'classes', 'gemma_type', guid, name),
        definitie: text(r, 'classes', 'gemma_definitie', guid, name, true),
      };
    }
    objecttypen.set(guid, ot);
  }

  // ---- enumerations ---------------------------------------------------------------
  const enumeraties = new Map<string, Enumeratie>();
  for (const r of sheet('enumerations').rows) {
    const guid = r.values.id?.trim();
    if (!guid) {
      findings.push({
        rule: 'source:missing-guid',
        severity: 'error',
        message: 'enumeration row without a GUID skipped',
        origin: origin('enumerations', r),
      });
      continue;
    }
    const pkgGuid = r.values.package_id?.trim() ?? '';
    currentPath = pathOf(pkgGuid);
    const name = cleanText(r.values.name).value;
    if (!name)
      findings.push({
        rule: 'm2',
        severity: 'error',
        message: 'Enumeratie without a name (ontwerpregel m2)',
        guid,
        packagePath: currentPath,
        origin: origin('enumerations', r),
      });
    enumeraties.set(guid, {
      guid,
      name: name ?? guid,
      packageGuid: pkgGuid,
      domeinGuid: domeinOf(pkgGuid),
      definitie: text(r, 'enumerations', 'definitie', guid, name, true),
      toelichting: text(r, 'enumerations', 'toelichting', guid, name, true),
      synoniemen: splitSynonyms(text(r, 'enumerations', 'synoniemen', guid, name)),
      alias: text(r, 'enumerations', 'alias', guid, name),
      mim: mimOf(r, 'enumerations', guid, name),
      origin: origin('enumerations', r),
      waarden: [],
    });
  }
  for (const r of sheet('enumerationliterals').rows) {
    const guid = r.values.id?.trim();
    const enumGuid = r.values.enumeratie_id?.trim() ?? '';
    const e = enumeraties.get(enumGuid);
    currentPath = e ? pathOf(e.packageGuid) : undefined;
    const name = cleanText(r.values.name).value;
    if (!guid) {
      findings.push({
        rule: 'source:missing-guid',
        severity: 'error',
        message: `enumeration value "${name ?? ''}" without a GUID skipped`,
        origin: origin('enumerationliterals', r),
      });
      continue;
    }
    if (!e) {
      findings.push({
        rule: 'source:dangling-reference',
        severity: 'error',
        message: `enumeration value "${name ?? ''}" belongs to unknown enumeration ${enumGuid}; skipped`,
        guid,
        elementName: name,
        origin: origin('enumerationliterals', r),
      });
      continue;
    }
    if (!name) {
      findings.push({
        rule: 'm2',
        severity: 'error',
        message: `enumeration value without a name in ${e.name}; skipped`,
        guid,
        packagePath: currentPath,
        origin: origin('enumerationliterals', r),
      });
      continue;
    }
    const w: Enumeratiewaarde = {
      guid,
      name,
      position: e.waarden.length,
      origin: origin('enumerationliterals', r),
      definitie: text(r, 'enumerationliterals', 'definitie', guid, name, true),
      toelichting: text(r, 'enumerationliterals', 'toelichting', guid, name, true),
      alias: text(r, 'enumerationliterals', 'alias', guid, name),
    };
    e.waarden.push(w);
  }

  // ---- associations (before attributes: navigable ends come from the attributes sheet) ----
  const relatiesoorten: Relatiesoort[] = [];
  const relByTail = new Map<string, Relatiesoort>();
  for (const r of sheet('associations').rows) {
    const guid = r.values.id?.trim();
    if (!guid) {
      findings.push({
        rule: 'source:missing-guid',
        severity: 'error',
        message: 'association row without a GUID skipped',
        origin: origin('associations', r),
      });
      continue;
    }
    const src = r.values.src_class_id?.trim() ?? '';
    const dst = r.values.dst_class_id?.trim() ?? '';
    const srcOt = objecttypen.get(src);
    currentPath = srcOt ? pathOf(srcOt.packageGuid) : undefined;
    const rawName = cleanText(r.values.name).value;
    const problems: string[] = [];
    if (!objecttypen.has(src)) problems.push(`source ${describeRef(src, skippedClasses)}`);
    if (!objecttypen.has(dst)) problems.push(`target ${describeRef(dst, skippedClasses)}`);
    if (problems.length) {
      findings.push({
        rule: 'm6',
        severity: 'error',
        message: `association "${rawName ?? ''}" has no valid ${problems.join(' and ')} (ontwerpregel m6); not published`,
        guid,
        elementName: rawName,
        packagePath: currentPath,
        origin: origin('associations', r),
      });
      continue;
    }
    const mult = (end: 'src' | 'dst'): Multiplicity => {
      const m = parseMultiplicity(r.values[`${end}_mult_start`], r.values[`${end}_mult_end`]);
      if (m.note)
        findings.push({
          rule: 'm7',
          severity: 'warning',
          message: `association "${rawName ?? ''}" ${end === 'src' ? 'source' : 'target'} end: ${m.note}`,
          guid,
          elementName: rawName,
          packagePath: currentPath,
          origin: origin('associations', r),
        });
      return m.multiplicity;
    };
    const dstName = objecttypen.get(dst)!.name;
    const rel: Relatiesoort = {
      guid,
      sourceName: rawName,
      name: rawName ?? `relatie met ${dstName}`,
      definitie: text(r, 'associations', 'definitie', guid, rawName, true),
      toelichting: text(r, 'associations', 'toelichting', guid, rawName, true),
      synoniemen: splitSynonyms(text(r, 'associations', 'synoniemen', guid, rawName)),
      mim: mimOf(r, 'associations', guid, rawName),
      origin: origin('associations', r),
      stereotype: cleanText(r.values.stereotype).value,
      bron: {
        classGuid: src,
        role: cleanText(r.values.src_role).value,
        documentation: cleanText(r.values.src_documentation, { multiline: true }).value,
        multiplicity: mult('src'),
        navigable: false,
      },
      doel: {
        classGuid: dst,
        role: cleanText(r.values.dst_role).value,
        documentation: cleanText(r.values.dst_documentation, { multiline: true }).value,
        multiplicity: mult('dst'),
        navigable: false,
      },
    };
    if (!rawName) {
      findings.push({
        rule: 'naming:unnamed-association',
        severity: 'info',
        message: `unnamed association from ${srcOt!.name} to ${dstName}; labelled "${rel.name}"`,
        guid,
        packagePath: currentPath,
        origin: rel.origin,
      });
    }
    relatiesoorten.push(rel);
    relByTail.set(guid.slice(7), rel); // EA names the ends EAID_src…/EAID_dst… + the GUID without its first two hex digits
  }

  // ---- attributes -------------------------------------------------------------------
  const enumByName = new Map<string, Enumeratie[]>();
  for (const e of enumeraties.values()) pushTo(enumByName, typeNameKey(e.name), e);
  const otByName = new Map<string, Objecttype[]>();
  for (const o of objecttypen.values()) pushTo(otByName, typeNameKey(o.name), o);
  for (const r of sheet('attributes').rows) {
    const rawGuid = r.values.id?.trim();
    const owner = r.values.clazz_id?.trim() ?? '';
    const ot = objecttypen.get(owner);
    currentPath = ot ? pathOf(ot.packageGuid) : undefined;
    const name = cleanText(r.values.name).value;
    // Navigable association ends exported as attribute rows: EAID_src…/EAID_dst…
    if (rawGuid && /^EAID_(src|dst)/.test(rawGuid)) {
      const rel = relByTail.get(rawGuid.slice(8));
      if (!rel) {
        findings.push({
          rule: 'source:orphan-association-end',
          severity: 'warning',
          message: `attributes row ${rawGuid} is an association end whose association is not published (unknown or dangling); ignored`,
          guid: rawGuid,
          elementName: name,
          packagePath: currentPath,
          origin: origin('attributes', r),
        });
      } else {
        const end = rawGuid.startsWith('EAID_dst') ? rel.doel : rel.bron;
        end.navigable = true;
        end.endGuid = rawGuid;
        findings.push({
          rule: 'source:association-end',
          severity: 'info',
          message: `attributes row ${rawGuid} is not an attribute but the navigable ${end === rel.doel ? 'target' : 'source'} end of association "${rel.name}" (${rel.guid}); published as part of that relation`,
          guid: rawGuid,
          elementName: rel.name,
          packagePath: currentPath,
          origin: origin('attributes', r),
        });
      }
      continue;
    }
    const guid = rawGuid || `row-${r.row}`;
    if (!rawGuid) {
      findings.push({
        rule: 'source:missing-guid',
        severity: 'error',
        message: `attribute "${name ?? ''}" has no GUID; published with the stand-in identifier "${guid}"`,
        guid,
        elementName: name,
        packagePath: currentPath,
        origin: origin('attributes', r),
      });
    }
    if (!ot) {
      findings.push({
        rule: 'source:dangling-reference',
        severity: 'error',
        message: `attribute "${name ?? ''}" belongs to ${describeRef(owner, skippedClasses)}; not published`,
        guid,
        elementName: name,
        origin: origin('attributes', r),
      });
      continue;
    }
    if (!name) {
      findings.push({
        rule: 'm2',
        severity: 'error',
        message: `attribuutsoort without a name in ${ot.name} (ontwerpregel m2); not published`,
        guid,
        packagePath: currentPath,
        origin: origin('attributes', r),
      });
      continue;
    }
    const spelling = (r.values.primitive ?? '').trim();
    const type = resolveAttributeType(r, spelling, ot, { objecttypen, enumeraties, enumByName, otByName, skippedClasses });
    if (type.kind === 'unresolved') {
      findings.push({
        rule: 'm3',
        severity: 'error',
        message: `attribute "${name}" of ${ot.name}: datatype ${JSON.stringify(spelling)} cannot be resolved (${type.reason}) (ontwerpregel m3); the property gets no range`,
        guid,
        elementName: name,
        packagePath: currentPath,
        origin: origin('attributes', r),
      });
    } else if ((type.kind === 'primitive' || type.kind === 'geometry') && type.guessed) {
      findings.push({
        rule: 'datatype:guessed',
        severity: 'warning',
        message: `attribute "${name}" of ${ot.name}: datatype ${JSON.stringify(spelling)} is not in the cookbook table; mapped to ${type.kind === 'geometry' ? `geometry ${type.geometry}` : type.xsd.replace(/^.*#/, 'xsd:')} because ${type.guessed}`,
        guid,
        elementName: name,
        packagePath: currentPath,
        origin: origin('attributes', r),
      });
    } else if (type.kind === 'enumeratie' || type.kind === 'objecttype') {
      const how = r.values.enumeration_id || r.values.type_class_id ? undefined : 'by name';
      if (how)
        findings.push({
          rule: 'datatype:by-name',
          severity: 'info',
          message: `attribute "${name}" of ${ot.name}: type ${JSON.stringify(spelling)} resolved by name to ${type.kind} ${type.kind === 'enumeratie' ? enumeraties.get(type.guid)!.name : objecttypen.get(type.guid)!.name}`,
          guid,
          elementName: name,
          packagePath: currentPath,
          origin: origin('attributes', r),
        });
    }
    const lengteRaw = cleanText(r.values.lengte).value;
    const lengte = lengteRaw !== undefined && Number.isFinite(Number(lengteRaw)) ? Math.round(Number(lengteRaw)) : undefined;
    const a: Attribuutsoort = {
      guid,
      name,
      ownerGuid: owner,
      typeSpelling: spelling,
      type,
      stereotype: cleanText(r.values.stereotype).value,
      verplicht: cleanFlag(r.values.verplicht) === true,
      mogelijkGeenWaarde: cleanFlag(r.values.mogelijk_geen_waarde) !== false,
      lengte,
      patroon: text(r, 'attributes', 'patroon', guid, name),
      formeelPatroon: text(r, 'attributes', 'formeel_patroon', guid, name),
      eenheid: text(r, 'attributes', 'eenheid', guid, name),
      minimumInclusief: cleanText(r.values.minimumwaarde_inclusief).value,
      maximumInclusief: cleanText(r.values.maximumwaarde_inclusief).value,
      minimumExclusief: cleanText(r.values.minimumwaarde_exclusief).value,
      maximumExclusief: cleanText(r.values.maximumwaarde_exclusief).value,
      indicatieClassificerend: cleanFlag(r.values.indicatie_classificerend),
      definitie: text(r, 'attributes', 'definitie', guid, name, true),
      toelichting: text(r, 'attributes', 'toelichting', guid, name, true),
      synoniemen: splitSynonyms(text(r, 'attributes', 'synoniemen', guid, name)),
      mim: mimOf(r, 'attributes', guid, name),
      origin: origin('attributes', r),
    };
    ot.attributen.push(a);
  }

  // ---- generalizations ------------------------------------------------------------------
  const generalisaties: Generalisatie[] = [];
  for (const r of sheet('generalizations').rows) {
    const guid = r.values.id?.trim();
    const sub = r.values.subclass_id?.trim() ?? '';
    const sup = r.values.superclass_id?.trim() ?? '';
    const subOt = objecttypen.get(sub);
    currentPath = subOt ? pathOf(subOt.packageGuid) : undefined;
    if (!guid) {
      findings.push({
        rule: 'source:missing-guid',
        severity: 'error',
        message: 'generalization row without a GUID skipped',
        origin: origin('generalizations', r),
      });
      continue;
    }
    if (!subOt || !objecttypen.has(sup)) {
      findings.push({
        rule: 'm6',
        severity: 'error',
        message: `generalization from ${describeRef(sub, skippedClasses)} to ${describeRef(sup, skippedClasses)} has no valid end (ontwerpregel m6); not published`,
        guid,
        packagePath: currentPath,
        origin: origin('generalizations', r),
      });
      continue;
    }
    if (sub === sup) {
      findings.push({
        rule: 'm6',
        severity: 'error',
        message: `generalization of ${subOt.name} to itself (ontwerpregel m6: always two different objecttypes); not published`,
        guid,
        elementName: subOt.name,
        packagePath: currentPath,
        origin: origin('generalizations', r),
      });
      continue;
    }
    generalisaties.push({ guid, subGuid: sub, superGuid: sup, origin: origin('generalizations', r) });
  }

  // ---- diagrams ------------------------------------------------------------------------------
  const diagrams: Diagram[] = [];
  const diagramSheet = sheets.get('diagrams');
  if (diagramSheet) {
    const byId = new Map<string, Diagram>();
    for (const r of diagramSheet.rows) {
      const guid = r.values.id?.trim();
      if (!guid) continue;
      const d: Diagram = {
        guid,
        name: cleanText(r.values.name).value ?? guid,
        packageGuid: r.values.package_id?.trim() || undefined,
        classGuids: [],
        enumerationGuids: [],
      };
      byId.set(guid, d);
      diagrams.push(d);
    }
    for (const r of sheets.get('diagram_class')?.rows ?? []) byId.get(r.values.diagram_id ?? '')?.classGuids.push(r.values.class_id ?? '');
    for (const r of sheets.get('diagram_enumeration')?.rows ?? [])
      byId.get(r.values.diagram_id ?? '')?.enumerationGuids.push(r.values.enumeration_id ?? '');
  }

  // The release number is in the file name (ggm-2.5.1.xlsx); the root package's version tag may lag behind.
  const fromFile = /(\d+\.\d+\.\d+)/.exec(fileName)?.[1];
  const version = fromFile ?? root.version ?? 'onbekend';
  if (fromFile && root.version && root.version !== fromFile) {
    findings.push({
      rule: 'source:version',
      severity: 'warning',
      message: `the root package says version ${root.version} but the file is release ${fromFile}; the release number of the file is used`,
      guid: root.guid,
      elementName: root.name,
      origin: root.origin,
    });
  }
  const model: GgmModel = {
    name: root.name,
    version,
    release: root.release,
    sourceFile: fileName,
    packages,
    domeinen,
    objecttypen,
    enumeraties,
    relatiesoorten,
    generalisaties,
    diagrams,
    findings,
  };
  return model;
}

/** Key for matching a type spelling to a class or enumeration name: case, spaces and an `enum_` prefix ignored. */
function typeNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^enum[_ ]/, '')
    .replace(/[^a-z0-9]/g, '');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function describeRef(guid: string, skipped: Map<string, string>): string {
  if (!guid) return 'no class';
  if (skipped.has(guid)) return `class "${skipped.get(guid)}" (${guid}), which is not an objecttype`;
  return `unknown class ${guid}`;
}

/** EA multiplicities: start/end as strings; -1, *, n = unbounded; missing/None = 1 (ontwerpregel m7). */
export function parseMultiplicity(startRaw: string | undefined, endRaw: string | undefined): { multiplicity: Multiplicity; note?: string } {
  const norm = (s: string | undefined) => {
    const t = (s ?? '').trim().toLowerCase();
    return t === '' || t === 'none' || t === 'nan' || t === 'null' ? undefined : t;
  };
  const s = norm(startRaw);
  const e = norm(endRaw);
  const notes: string[] = [];
  let min = 1;
  if (s === undefined) notes.push('no lower bound given; read as 1');
  else if (/^\d+$/.test(s)) min = Number(s);
  else notes.push(`lower bound ${JSON.stringify(startRaw)} is not a number; read as 1`);
  let max: number | undefined;
  if (e === undefined) {
    max = Math.max(1, min);
    notes.push(`no upper bound given; read as ${max}`);
  } else if (e === '-1' || e === '*' || e === 'n') max = undefined;
  else if (/^\d+$/.test(e)) max = Number(e);
  else {
    max = Math.max(1, min);
    notes.push(`upper bound ${JSON.stringify(endRaw)} is not a number; read as ${max}`);
  }
  return {
    multiplicity: max === undefined ? { min } : { min, max },
    note: notes.length ? `${notes.join('; ')} (ontwerpregel m7: no cardinality means 1)` : undefined,
  };
}

interface Lookups {
  objecttypen: Map<string, Objecttype>;
  enumeraties: Map<string, Enumeratie>;
  enumByName: Map<string, Enumeratie[]>;
  otByName: Map<string, Objecttype[]>;
  skippedClasses: Map<string, string>;
}

/** Explicit reference first (enumeration_id, type_class_id), then the primitive table, then names. */
function resolveAttributeType(r: SheetRow, spelling: string, owner: Objecttype, l: Lookups): ResolvedType {
  const enumId = r.values.enumeration_id?.trim();
  const classId = r.values.type_class_id?.trim();
  if (enumId && l.enumeraties.has(enumId)) return { kind: 'enumeratie', guid: enumId };
  if (classId && l.objecttypen.has(classId)) return { kind: 'objecttype', guid: classId };
  const prim = resolvePrimitive(spelling);
  if (prim) return prim;
  const pick = <T extends { domeinGuid?: string; guid: string }>(list: T[] | undefined): T | undefined => {
    if (!list || list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    return list.find((x) => x.domeinGuid === owner.domeinGuid) ?? [...list].sort((a, b) => (a.guid < b.guid ? -1 : 1))[0];
  };
  const key = typeNameKey(spelling);
  const e = pick(l.enumByName.get(key));
  if (e) return { kind: 'enumeratie', guid: e.guid };
  const o = pick(l.otByName.get(key));
  if (o) return { kind: 'objecttype', guid: o.guid };
  if (enumId) return { kind: 'unresolved', reason: `enumeration_id ${enumId} is not a known enumeration` };
  if (classId)
    return {
      kind: 'unresolved',
      reason: `type_class_id ${classId} is ${l.skippedClasses.has(classId) ? 'not an objecttype' : 'not a known class'}`,
    };
  return {
    kind: 'unresolved',
    reason: spelling === '' ? 'no type given' : 'not a primitive in the cookbook table, nor the name of an objecttype or enumeration',
  };
}
