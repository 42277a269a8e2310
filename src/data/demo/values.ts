/**
 * Realistic Dutch literal values for an attribuutsoort, chosen by its name and
 * resolved type: names, BSNs passing the elfproef, IBANs with valid check
 * digits, postcodes, BAG identifiers, dates in sensible ranges and amounts
 * (geometry comes from the map, ruimte.ts). Everything is synthetic (see gemeente.ts).
 */
import type { Attribuutsoort, ResolvedType } from '../../model/types.js';
import { asciiFold } from '../../iri/names.js';
import { BEDRIJFSNAMEN, GEMEENTE, GESLACHTSNAMEN, MET_VOORVOEGSEL, STRAATNAMEN, VOORNAMEN_M, VOORNAMEN_V, WOORDEN } from './gemeente.js';
import { Prng } from './prng.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface Persona {
  geslacht: 'M' | 'V';
  voornamen: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geboortedatum: string;
  bsn: string;
  /** Set for the deceased (bevolking.ts). */
  overlijdensdatum?: string;
  /** The BRP's unknown parent ("puntouder"): no data but "." names. */
  puntouder?: boolean;
}

export interface ValueContext {
  prng: Prng;
  /** Name of the instance's own (most specific) class. */
  className: string;
  index: number;
  /** Set when the instance is a natural person. */
  persona?: Persona;
  /** The instance is an organisation (a niet-natuurlijk persoon, leverancier …). */
  organisation: boolean;
}

export interface Literal {
  lexical: string;
  datatype: string;
}

type Primitive = Extract<ResolvedType, { kind: 'primitive' }>;

/** A BSN passing the elfproef, unique per index < 200,000, starting with 99 or 98 (synthetic range). */
export function bsn(index: number): string {
  if (!(index >= 0 && index < 200_000)) throw new Error(`demo: no synthetic BSN for person number ${index} (at most 200,000 persons)`);
  // 99/98 + 5 index digits + a free digit + the check digit: the free digit is chosen so the check digit is 0-9.
  const stem = `${index < 100_000 ? '99' : '98'}${String(index % 100_000).padStart(5, '0')}`;
  for (let free = 0; free < 10; free++) {
    const d = `${stem}${free}`;
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
    const check = sum % 11;
    if (check < 10) return `${d}${check}`;
  }
  throw new Error(`no elfproef-valid BSN for index ${index}`);
}

/** The elfproef for BSNs. */
export function isValidBsn(s: string): boolean {
  if (!/^\d{9}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(s[i]) * (9 - i);
  return sum % 11 === Number(s[8]);
}

/** A Dutch IBAN with valid ISO 7064 check digits and the fictional bank code DEMO. */
export function iban(account: string): string {
  const bban = `${GEMEENTE.bankcode}${account.padStart(10, '0').slice(-10)}`;
  const numeric = `${bban}NL00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
  return `NL${String(98 - rest).padStart(2, '0')}${bban}`;
}

export function isValidIban(s: string): boolean {
  const r = `${s.slice(4)}${s.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of r) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

/** A 16-digit BAG identifier: gemeentecode + objecttypecode + volgnummer. */
export function bagId(objecttypecode: string, n: number): string {
  return `${GEMEENTE.code}${objecttypecode}${String(n).padStart(10, '0')}`;
}

/** A made-up person; `adult` keeps the birth date between 1950 and 2004. */
export function persona(seed: number, index: number, adult = false): Persona {
  const p = Prng.for(seed, 'persona', index);
  const geslacht = p.chance(0.5) ? 'M' : 'V';
  const namen = geslacht === 'M' ? VOORNAMEN_M : VOORNAMEN_V;
  const voornamen = p.chance(0.4) ? `${p.pick(namen)} ${p.pick(namen)}` : p.pick(namen);
  const withPrefix = p.chance(0.3);
  const [voorvoegsel, geslachtsnaam] = withPrefix ? p.pick(MET_VOORVOEGSEL) : [undefined, p.pick(GESLACHTSNAMEN)];
  return {
    geslacht,
    voornamen,
    ...(voorvoegsel ? { voorvoegsel } : {}),
    geslachtsnaam,
    geboortedatum: adult ? date(p, 1950, 2004) : date(p, 1938, 2012),
    bsn: bsn(index),
  };
}

export function volledigeNaam(p: Persona): string {
  return [p.voornamen, p.voorvoegsel, p.geslachtsnaam].filter(Boolean).join(' ');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function date(p: Prng, fromYear: number, toYear: number): string {
  const y = p.int(fromYear, toYear);
  const m = p.int(1, 12);
  const d = p.int(1, [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function time(p: Prng): string {
  return `${pad2(p.int(7, 19))}:${pad2(p.int(0, 59))}:${pad2(p.int(0, 59))}`;
}

function uuid(p: Prng): string {
  const h = () => Math.floor(p.next() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, h).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-${'89ab'[p.int(0, 3)]}${part(3)}-${part(12)}`;
}

function postcode(p: Prng): string {
  const letters = 'ABCDEGHJKLMNPRTVWXZ';
  return `${p.pick(GEMEENTE.postcodeCijfers)}${letters[p.int(0, letters.length - 1)]}${letters[p.int(0, letters.length - 1)]}`;
}

/**
 * Years for a date attribute: things begin in 2012–2020 and end in 2021–2025, before the demo's
 * reference date (bevolking.ts PEILDATUM); only what is planned or expires may lie ahead.
 */
function dateRange(name: string): [number, number] {
  if (/geboorte/.test(name)) return [1938, 2012];
  if (/overlijden|overleden/.test(name)) return [2019, 2025];
  if (/gepland|uiterlijk|uiterste|verval|afloop|geldig ?tot|streef/.test(name)) return [2027, 2029];
  if (/eind|einde|totdatum|tot$/.test(name)) return [2021, 2025];
  if (/begin|start|ingang|aanvang|vanaf|opname|registratie|aanmaak|creatie/.test(name)) return [2012, 2020];
  if (/bouw/.test(name)) return [1900, 2020];
  return [2016, 2025];
}

const BUITENLANDSE_ADRESSEN = ['Rue de la Loi 16, 1000 Brussel, België', 'Hauptstraße 12, 47533 Kleve, Duitsland', 'ul. Długa 5, 80-827 Gdańsk, Polen', 'Calle Mayor 3, 28013 Madrid, Spanje', 'Via Roma 21, 10121 Torino, Italië'];

/** BAG objecttypecodes of the 16-digit BAG identifiers. */
const BAG_OBJECTTYPECODE: Record<string, string> = {
  verblijfsobject: '01', ligplaats: '02', standplaats: '03', pand: '10', nummeraanduiding: '20', openbareruimte: '30',
  adresseerbaarobject: '01', bagobjectnummering: '01',
};

/** Street name number i: the list first, then numbered variants ("Lindelaan 2"). */
export function straatnaam(i: number): string {
  const base = STRAATNAMEN[i % STRAATNAMEN.length]!;
  const round = Math.floor(i / STRAATNAMEN.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

/** Words of a camelCase / spaced name, lower case, ASCII. */
const normCache = new Map<string, string>();
function norm(name: string): string {
  let n = normCache.get(name);
  if (n === undefined) normCache.set(name, (n = asciiFold(name).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()));
  return n;
}

function sentence(p: Prng, ctx: ValueContext): string {
  return `${ctx.className}: ${p.pick(WOORDEN)} ${p.pick(STRAATNAMEN)} (${p.pick(WOORDEN)})`;
}

function clampInt(value: number, t: Primitive): number {
  const max = t.totalDigits !== undefined ? 10 ** t.totalDigits - 1 : Number.MAX_SAFE_INTEGER;
  return Math.min(value, max);
}

function integerFor(n: string, t: Primitive, p: Prng): number {
  if (/bouwjaar|jaar$|^jaar|jaartal/.test(n)) return clampInt(p.int(1900, 2025), t);
  if (/huisnummer/.test(n)) return clampInt(p.int(1, 250), t);
  if (/aantal|count/.test(n)) return clampInt(p.int(0, 40), t);
  if (/percentage|procent/.test(n)) return clampInt(p.int(0, 100), t);
  if (/bouwlaag|verdieping/.test(n)) return clampInt(p.int(0, 8), t);
  if (/oppervlakte|inhoud/.test(n)) return clampInt(p.int(20, 2500), t);
  if (/versie/.test(n)) return clampInt(p.int(1, 5), t);
  if (/score|cijfer|niveau|klasse/.test(n)) return clampInt(p.int(1, 5), t);
  if (/nummer|nr\b|volgnummer/.test(n)) return clampInt(p.int(1, 99_999), t);
  return clampInt(p.int(0, 1000), t);
}

function decimalFor(n: string, t: Primitive, p: Prng): string {
  const scale = t.fractionDigits ?? 2;
  let v: number;
  if (/percentage|procent/.test(n)) v = p.int(0, 10_000) / 100;
  else if (/lengte|breedte|hoogte|diepte|diameter|afstand|omtrek/.test(n)) v = p.int(50, 3_000) / 100;
  else if (/bedrag|kosten|prijs|tarief|waarde|salaris|loon|budget|saldo|inkomen|som|vergoeding|toeslag|premie|huur/.test(n)) v = p.int(1_000, 500_000) / 100;
  else v = p.int(0, 100_000) / 100;
  if (t.totalDigits !== undefined) {
    const maxInt = 10 ** Math.max(1, t.totalDigits - scale) - 1;
    v = Math.min(v, maxInt);
  }
  return scale === 0 ? String(Math.round(v)) : v.toFixed(Math.min(2, scale));
}

function stringFor(n: string, a: Attribuutsoort, ctx: ValueContext): string | undefined {
  const p = ctx.prng;
  const pers = ctx.persona;
  if (/burgerservicenummer|\bbsn\b/.test(n)) return pers?.bsn ?? bsn(500_000 + ctx.index);
  if (/iban|rekeningnummer|bankrekening/.test(n)) return iban(p.digits(10));
  if (/postcode/.test(n)) return postcode(p);
  if (/e ?mail/.test(n)) {
    const local = pers ? `${pers.voornamen.split(' ')[0]}.${pers.geslachtsnaam}`.toLowerCase().replace(/[^a-z.]/g, '') : `info${ctx.index}`;
    return `${local}@${GEMEENTE.emailDomein}`;
  }
  if (/telefoon|mobiel|fax/.test(n)) return `06${p.digits(8)}`;
  if (/buitenland/.test(n) && /adres/.test(n)) return p.pick(BUITENLANDSE_ADRESSEN);
  if (/^adres|adres correspondentie|correspondentieadres/.test(n)) return `${p.pick(STRAATNAMEN)} ${p.int(1, 250)}, ${postcode(p)} ${p.pick(GEMEENTE.woonplaatsen)}`;
  if (/rechtsvorm/.test(n)) return pers ? 'Natuurlijk persoon' : p.pick(['Besloten vennootschap', 'Stichting', 'Vereniging', 'Eenmanszaak', 'Vennootschap onder firma', 'Coöperatie']);
  if (/handlichting|bijzonder nederlanderschap|buitenlands reisdocument|partner id/.test(n)) return p.chance(0.05) ? p.pick(['B', 'V']) : undefined;
  if (/door$/.test(n)) return volledigeNaam(persona(0, 150_000 + p.int(0, 49)));
  if (/kadastrale aanduiding/.test(n)) return `LWD01 ${p.pick(['A', 'B', 'C', 'K'])} ${p.int(1, 4999)}`;
  if (/stadsdeel/.test(n)) return p.pick(['Centrum', 'Noord', 'Oost', 'Zuid', 'West']);
  if (/^wijk$/.test(n)) return `Wijk 0${p.int(1, 6)}`;
  if (/^buurt$/.test(n)) return `Buurt ${p.int(10, 69)}`;
  if (/^openbare ruimte$/.test(n)) return p.pick(STRAATNAMEN);
  if (/waterschap/.test(n)) return 'Waterschap Lindestroom';
  if (/wettelijke vertegenwoordiging/.test(n)) return p.pick(['geen', 'geen', 'geen', 'curatele', 'beschermingsbewind', 'mentorschap']);
  if (/kanaal/.test(n)) return p.pick(['balie', 'telefoon', 'e-mail', 'website', 'post', 'sociale media']);
  if (/vertrouwelijk/.test(n)) return p.pick(['openbaar', 'beperkt openbaar', 'intern', 'zaakvertrouwelijk', 'vertrouwelijk', 'confidentieel']);
  if (/conversie id|^key$|nen3610id/.test(n)) return `${GEMEENTE.code}.${norm(ctx.className).replace(/[^a-z]/g, '')}.${ctx.index + 1}`;
  if (/huisletter/.test(n)) return p.pick(['A', 'B', 'C', 'D']);
  if (/toevoeging/.test(n)) return p.pick(['1', '2', 'bis', 'A', 'hs']);
  if (/voorvoegsel/.test(n)) return pers ? pers.voorvoegsel : p.pick(['van', 'de', 'van der']);
  if (/voorletters/.test(n)) return (pers?.voornamen ?? p.pick(VOORNAMEN_V)).split(' ').map((w) => `${w[0]}.`).join('');
  if (/voornam/.test(n)) return pers?.voornamen ?? p.pick([...VOORNAMEN_M, ...VOORNAMEN_V]);
  if (/geslachtsnaam|achternaam/.test(n)) return pers?.geslachtsnaam ?? p.pick(GESLACHTSNAMEN);
  if (/^geslacht/.test(n)) return pers?.geslacht ?? p.pick(['M', 'V', 'X']);
  if (/aanhef/.test(n)) return pers ? (pers.geslacht === 'M' ? 'Geachte heer' : 'Geachte mevrouw') : 'Geachte heer/mevrouw';
  if (/huisnummerrange/.test(n)) return `${p.int(1, 9)}-${p.int(20, 199)}`;
  if (/^(openbare ?ruimte)$/i.test(ctx.className) && /naam|straat/.test(n)) return straatnaam(ctx.index);
  if (/straat|openbare ?ruimte|naam openbare/.test(n) && /naam|straat$/.test(n)) return p.pick(STRAATNAMEN);
  if (/^woonplaats$/i.test(ctx.className) && /naam/.test(n)) return GEMEENTE.woonplaatsen[ctx.index % GEMEENTE.woonplaatsen.length];
  if (/^woonplaats$/i.test(ctx.className) && /identificatie/.test(n)) return GEMEENTE.woonplaatscodes[ctx.index % GEMEENTE.woonplaatscodes.length];
  if (/academische titel/.test(n)) return p.chance(0.15) ? p.pick(['drs.', 'mr.', 'ir.', 'dr.', 'ing.']) : undefined;
  if (/^nationaliteit$/.test(n)) return p.chance(0.85) ? 'Nederlandse' : p.pick(['Belgische', 'Duitse', 'Poolse', 'Turkse', 'Marokkaanse', 'Syrische']);
  if (/naamgebruik/.test(n)) return p.pick(['E', 'E', 'E', 'P', 'V', 'N']);
  if (/taal/.test(n)) return 'nl';
  if (/formaat|mime/.test(n)) return p.pick(['application/pdf', 'image/jpeg', 'text/plain', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
  if (/auteur|behandelaar|medewerker|contactpersoon|ouder ?[12]/.test(n) && !/code|id$/.test(n)) return volledigeNaam(persona(0, 150_000 + (ctx.index % 1000)));
  if (/gemeente/.test(n) && !/code/.test(n)) return GEMEENTE.naam;
  if (/woonplaats/.test(n) && /naam|woonplaats$/.test(n)) return p.pick(GEMEENTE.woonplaatsen);
  if (/gemeentenaam|gemeente$/.test(n)) return GEMEENTE.naam;
  if (/gemeentecode/.test(n)) return GEMEENTE.code;
  if (/geboorteplaats|plaats/.test(n)) return p.pick(GEMEENTE.woonplaatsen);
  if (/kenteken/.test(n)) return `${p.pick(['GX', 'KT', 'ZN', 'VR'])}-${p.digits(3)}-${p.pick(['B', 'D', 'F', 'H'])}`;
  if (/kvk/.test(n)) return `9${p.digits(7)}`;
  if (/rsin/.test(n)) return `99${p.digits(7)}`;
  if (/\burl\b|website|link|hyperlink/.test(n)) return `${GEMEENTE.website}/${norm(ctx.className).replace(/[^a-z0-9]+/g, '-')}/${ctx.index}`;
  if (/anummer|a nummer/.test(n)) return `99${p.digits(8)}`;
  if (/datum|date/.test(n)) {
    if (pers && /geboorte/.test(n)) return pers.geboortedatum;
    const [lo, hi] = dateRange(n);
    return date(p, lo, hi);
  }
  if (/tijd|tijdstip/.test(n)) return time(p);
  if (/identificatie|objectvolgnummer|^id$/.test(n)) {
    const code = BAG_OBJECTTYPECODE[ctx.className.replace(/[^A-Za-z]/g, '').toLowerCase()];
    return code ? bagId(code, ctx.index + 1) : `${GEMEENTE.code}${String(ctx.index + 1).padStart(8, '0')}`;
  }
  if (/(^| )code$|^code/.test(n)) return `${norm(ctx.className).replace(/[^a-z]/g, '').slice(0, 3).toUpperCase()}${String(ctx.index + 1).padStart(3, '0')}`;
  if (/naam|titel|name/.test(n)) {
    if (pers) return volledigeNaam(pers);
    if (ctx.organisation) return p.pick(BEDRIJFSNAMEN);
    return `${ctx.className} ${p.pick(STRAATNAMEN).replace(/(laan|straat|weg|plein|hof|pad|kade|singel)$/, '')} ${ctx.index + 1}`;
  }
  if (/omschrijving|toelichting|opmerking|beschrijving|notitie|memo|tekst|inhoud|reden|motivatie|doel|resultaat|advies|conclusie/.test(n)) return sentence(p, ctx);
  if (/indicatie|^ind /.test(n)) return p.pick(['J', 'N']);
  if (/nummer|nr$/.test(n)) return p.digits(6);
  if (/status|soort|type|categorie|klasse|niveau/.test(n)) return p.pick(['A', 'B', 'C', 'Overig']);
  void a;
  return `${p.pick(WOORDEN)} ${ctx.index + 1}`;
}

/** The literal for an attribute with a primitive type, or undefined to leave it out. */
export function primitiveValue(a: Attribuutsoort, t: Primitive, maxLength: number | undefined, ctx: ValueContext): Literal | undefined {
  const n = norm(a.name);
  const p = ctx.prng;
  const dt = t.union ? t.union[0]! : t.xsd;
  const lit = (lexical: string, datatype = dt): Literal => ({ lexical, datatype });
  switch (dt.slice(XSD.length)) {
    case 'string': {
      if (t.pattern?.includes('[0-9A-Fa-f]{8}')) return lit(uuid(p));
      let s = stringFor(n, a, ctx);
      if (s === undefined) return undefined;
      if (maxLength !== undefined && s.length > maxLength) {
        // Identifiers keep their distinguishing tail, text its head.
        if (/^\d+$/.test(s) || /identificatie|nummer|code/.test(n)) s = s.slice(-maxLength);
        else s = s.slice(0, maxLength).trimEnd();
      }
      return s === '' ? undefined : lit(s);
    }
    case 'integer':
      return lit(String(integerFor(n, t, p)));
    case 'decimal':
      return lit(decimalFor(n, t, p));
    case 'boolean':
      return lit(p.chance(0.5) ? 'true' : 'false');
    case 'date': {
      if (ctx.persona && /geboorte/.test(n)) return lit(ctx.persona.geboortedatum);
      const [lo, hi] = dateRange(n);
      return lit(date(p, lo, hi));
    }
    case 'dateTime': {
      const [lo, hi] = dateRange(n);
      return lit(`${date(p, lo, hi)}T${time(p)}`);
    }
    case 'time':
      return lit(time(p));
    case 'gYear':
      return lit(String(p.int(2000, 2025)));
    case 'gYearMonth':
      return lit(`${p.int(2000, 2025)}-${pad2(p.int(1, 12))}`);
    case 'anyURI':
      return lit(`${GEMEENTE.website}/${norm(ctx.className).replace(/[^a-z0-9]+/g, '-')}/${ctx.index}`);
    case 'base64Binary':
      return lit(Buffer.from(`${ctx.className} ${ctx.index}`).toString('base64'));
    default:
      return undefined;
  }
}
