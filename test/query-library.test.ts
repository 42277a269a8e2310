/**
 * The analyst query library (queries/*.rq): every query has its header and
 * parses; run on the committed demo municipality plus ontology, code lists and
 * alignments (oxigraph, union of the named graphs as default graph) it gives a
 * non-empty answer, and that answer equals an independent computation: a walk
 * over the same files parsed by n3, written per question below.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataFactory, Parser, Store, type Term } from 'n3';
import oxigraph from 'oxigraph';
import { loadQueryLibrary, parseLibraryQuery, QueryLibraryError, type LibraryQuery } from '../src/data/queries/library.js';
import { committedRegister, demo, schuldhulpEnWmoExpected, stadspasEnEnergietoeslagExpected } from '../src/data/demo/index.js';
import { loadGgmModel } from '../src/source/index.js';
import { PROJECT_ROOT, defaultRelease } from '../src/cli/paths.js';
import GeometryFactory from 'jsts/org/locationtech/jts/geom/GeometryFactory.js';
import GeoJSONReader from 'jsts/org/locationtech/jts/io/GeoJSONReader.js';
import 'jsts/org/locationtech/jts/monkey.js';
import { parseWkt } from '../src/data/wkt.js';
import { evaluateSpatialFunctions } from '../src/store/spatial.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GGM = 'https://gemeentelijkgegevensmodel.nl/def/ggm/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const IS_PART_OF = 'http://purl.org/dc/terms/isPartOf';
const MATCHES = ['exactMatch', 'closeMatch', 'broadMatch', 'narrowMatch', 'relatedMatch'].map((m) => SKOS + m);
const ONTOLOGY_FILES = ['ggm', 'codelijsten', 'alignments'];

type Row = Record<string, string>;

let library: LibraryQuery[];
let oxi: oxigraph.Store;
let n3: Store;

before(() => {
  library = loadQueryLibrary(ROOT);
  oxi = new oxigraph.Store();
  n3 = new Store();
  const trig = readFileSync(join(ROOT, 'data/demo/gemeente.trig'), 'utf8');
  oxi.load(trig, { format: 'application/trig' });
  n3.addQuads(new Parser({ format: 'application/trig' }).parse(trig));
  for (const name of ONTOLOGY_FILES) {
    const ttl = readFileSync(join(ROOT, `ontology/${name}.ttl`), 'utf8');
    const graph = `${GGM}${name}`;
    oxi.load(ttl, { format: 'text/turtle', to_graph_name: oxigraph.namedNode(graph) });
    n3.addQuads(
      new Parser({ format: 'text/turtle' })
        .parse(ttl)
        .map((q) => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(graph))),
    );
  }
});

// ---- the independent walk over the n3 store (every graph, as the union) ----

const node = (iri: string) => DataFactory.namedNode(iri);
const g = (local: string) => `${GGM}${local}`;
const uniq = (xs: string[]) => [...new Set(xs)];
const objects = (s: string, p: string): Term[] => n3.getObjects(node(s), node(p), null);
const objs = (s: string, p: string): string[] =>
  uniq(
    objects(s, p)
      .filter((t) => t.termType === 'NamedNode')
      .map((t) => t.value),
  );
const lits = (s: string, p: string): string[] =>
  uniq(
    objects(s, p)
      .filter((t) => t.termType === 'Literal')
      .map((t) => t.value),
  );
const subjs = (p: string, o?: string): string[] =>
  uniq(n3.getSubjects(node(p), o === undefined ? null : node(o), null).map((t) => t.value));
const isA = (x: string, cls: string) => n3.countQuads(node(x), node(RDF_TYPE), node(cls), null) > 0;
const instances = (cls: string) => subjs(RDF_TYPE, cls);
const orNone = (xs: string[]): (string | undefined)[] => (xs.length ? xs : [undefined]);

function row(entries: Record<string, string | number | boolean | undefined>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** Class → labels of the domains it is part of (only owl:Class with a domain). */
function classDomains(): Map<string, { domain: string; label: string }[]> {
  const out = new Map<string, { domain: string; label: string }[]>();
  for (const cls of instances(OWL + 'Class')) {
    const ds = objs(cls, IS_PART_OF).flatMap((d) => lits(d, RDFS + 'label').map((label) => ({ domain: d, label })));
    if (ds.length) out.set(cls, ds);
  }
  return out;
}

/** [property, domain class, range class, from domain, to domain] for object properties between classes of different domains. */
function crossDomainProperties() {
  const domains = classDomains();
  const out: { p: string; van: string; naar: string; from: { domain: string; label: string }; to: { domain: string; label: string } }[] =
    [];
  for (const p of instances(OWL + 'ObjectProperty'))
    for (const van of objs(p, RDFS + 'domain'))
      for (const naar of objs(p, RDFS + 'range'))
        for (const from of domains.get(van) ?? [])
          for (const to of domains.get(naar) ?? []) if (from.domain !== to.domain) out.push({ p, van, naar, from, to });
  return out;
}

function countBy<T>(items: T[], key: (t: T) => string, value: (t: T) => string): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const it of items) {
    const k = key(it);
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)!.add(value(it));
  }
  return m;
}

// ---- geometry for the spatial questions: JTS on the literals of the n3 store (RD New metres, as published) ----

interface Jts {
  within(o: Jts): boolean;
  distance(o: Jts): number;
  getArea(): number;
}
const jtsReader = new GeoJSONReader(new GeometryFactory());
const GEO = 'http://www.opengis.net/ont/geosparql#';
/** [feature, WKT literal, JTS geometry] for each geometry of a feature's geometry attribute. */
function shapes(cls: string, attribute: string): { f: string; wkt: string; g: Jts }[] {
  return instances(g(cls)).flatMap((f) =>
    objs(f, g(attribute)).flatMap((node) =>
      lits(node, `${GEO}asWKT`).map((wkt) => ({ f, wkt, g: jtsReader.read(parseWkt(wkt).geometry) as unknown as Jts })),
    ),
  );
}
const one = (xs: string[]): string | undefined => xs[0];

const EXPECTED: Record<string, () => Row[]> = {
  'panden-en-inwoners-in-planvlak': () => {
    const panden = shapes('Pand_BAG', 'pand_BAG.geometrieBovenaanzicht');
    return shapes('Plan', 'plan.percelen').flatMap((plan) =>
      panden
        .filter((p) => p.g.within(plan.g))
        .flatMap((p) =>
          lits(plan.f, g('plan.naam')).map((naam) => {
            const adressen = subjs(g('verblijfsobject_BAG.maaktDeelUitVanPand'), p.f).flatMap((v) =>
              objs(v, g('adresseerbaarObject.heeftAlsHoofdadresNummeraanduiding')),
            );
            const inwoners = uniq(
              adressen.flatMap((a) =>
                subjs(g('ingeschrevenPersoon.heeftAlsAdresNummeraanduiding'), a).filter((x) => isA(x, g('IngeschrevenPersoon'))),
              ),
            );
            return row({ plan: plan.f, naam, pand: p.f, inwoners: inwoners.length, pandvlak: p.wkt, planvlak: plan.wkt });
          }),
        ),
    );
  },
  'bomen-en-groen-per-buurt': () => {
    const bomen = shapes('Boom', 'beheerobject.geometrie');
    const groen = shapes('BegroeidTerreindeel', 'begroeidTerreindeel.geometrie');
    const inwoners = countBy(
      instances(g('IngeschrevenPersoon')).flatMap((p) =>
        objs(p, g('ingeschrevenPersoon.heeftAlsAdresNummeraanduiding')).flatMap((a) =>
          objs(a, g('nummeraanduiding_BAG.ligtInBuurt')).map((b) => [b, p] as const),
        ),
      ),
      (x) => x[0],
      (x) => x[1],
    );
    return shapes('Buurt_BAG', 'buurt_BAG.geometrie').flatMap((b) =>
      lits(b.f, g('buurt_BAG.naam')).map((naam) => {
        const n = bomen.filter((t) => t.g.within(b.g)).length;
        const vlakken = groen.filter((v) => v.g.within(b.g));
        return row({
          buurt: b.f,
          naam,
          bomen: n || undefined,
          groen_m2: vlakken.length ? vlakken.reduce((sum, v) => sum + v.g.getArea(), 0).toFixed(1) : undefined,
          inwoners: inwoners.get(b.f)?.size,
          buurtvlak: b.wkt,
        });
      }),
    );
  },
  'meldingen-binnen-250-m-van-adres': () => {
    const meldingen = shapes('Melding_BeheerOpenbareRuimte', 'melding_BeheerOpenbareRuimte.locatie');
    return shapes('Nummeraanduiding_BAG', 'nummeraanduiding_BAG.geometrie').flatMap((a) =>
      meldingen
        .filter((m) => m.g.distance(a.g) <= 250)
        .flatMap((m) =>
          lits(a.f, g('nummeraanduiding_BAG.postcode')).flatMap((postcode) =>
            lits(a.f, g('nummeraanduiding_BAG.huisnummer')).map((huisnummer) =>
              row({ adres: a.f, postcode, huisnummer, melding: m.f, afstand_m: m.g.distance(a.g).toFixed(1), meldingpunt: m.wkt }),
            ),
          ),
        ),
    );
  },
  'verblijfsobjecten-per-buurt-met-energie': () => {
    const buurten = shapes('Buurt_BAG', 'buurt_BAG.geometrie');
    return shapes('Verblijfsobject_BAG', 'verblijfsobject_BAG.geometrie').flatMap((v) =>
      buurten
        .filter((b) => v.g.within(b.g))
        .flatMap((b) =>
          orNone(objs(v.f, g('verblijfsobject_BAG.heeftVastgoedobject'))).map((vg) =>
            row({
              buurt: b.f,
              verblijfsobject: v.f,
              energielabel: vg && one([...objs(vg, g('vastgoedobject.energielabel')), ...lits(vg, g('vastgoedobject.energielabel'))]),
              energieverbruik: vg && one(lits(vg, g('vastgoedobject.energieverbruik'))),
              // xsd:decimal as the store writes it (135.50 → 135.5)
              energiekosten: vg && one(lits(vg, g('vastgoedobject.energiekosten')).map((x) => String(Number(x)))),
              punt: v.wkt,
            }),
          ),
        ),
    );
  },
  'parkeervlakken-per-parkeerzone': () => {
    const vlakken = shapes('Parkeervlak', 'parkeervlak.coordinaten');
    const buurten = shapes('Buurt_BAG', 'buurt_BAG.geometrie');
    return shapes('Parkeerzone', 'parkeerzone.geometrie').flatMap((z) =>
      lits(z.f, g('parkeerzone.naam')).flatMap((zonenaam) =>
        buurten.flatMap((b) => {
          const hier = vlakken.filter((v) => v.g.within(z.g) && v.g.within(b.g));
          if (!hier.length) return [];
          const geregistreerd = hier.filter((v) => objs(z.f, g('parkeerzone.bevatParkeervlak')).includes(v.f));
          return [
            row({
              zone: z.f,
              zonenaam,
              buurt: b.f,
              parkeervlakken: hier.length,
              in_zone_geregistreerd: geregistreerd.length,
              zonevlak: z.wkt,
            }),
          ];
        }),
      ),
    );
  },
  'stadspas-en-energietoeslag': () =>
    instances(g('Client')).flatMap((inwoner) => {
      const soorten = objs(inwoner, g('client.heeftRegelingRegeling')).flatMap((r) =>
        objs(r, g('regeling_ModelInkomen.isRegelingsoortRegelingsoort')).flatMap((s) => lits(s, g('regelingsoort.naam'))),
      );
      if (!soorten.includes('Stadspas') || !soorten.includes('Energietoeslag')) return [];
      return orNone(lits(inwoner, g('natuurlijkPersoon.burgerservicenummer'))).map((bsn) => row({ inwoner, bsn }));
    }),
  'schuldhulp-en-wmo': () => {
    const trajecten = countBy(
      instances(g('Schuldhulptraject')).flatMap((t) => objs(t, g('schuldhulptraject.heeftTrajectClient')).map((c) => [c, t] as const)),
      (x) => x[0],
      (x) => x[1],
    );
    const beschikkingen = countBy(
      instances(g('Beschikking_GeneriekJeugdEnWmo')).flatMap((b) =>
        objs(b, g('beschikking_GeneriekJeugdEnWmo.relatieMetClient')).map((c) => [c, b] as const),
      ),
      (x) => x[0],
      (x) => x[1],
    );
    return [...trajecten]
      .filter(([c]) => beschikkingen.has(c))
      .map(([inwoner, t]) => row({ inwoner, trajecten: t.size, beschikkingen: beschikkingen.get(inwoner)!.size }));
  },
  'werkzoekenden-met-uitkering': () =>
    instances(g('Werkzoekende')).flatMap((werkzoekende) =>
      objs(werkzoekende, g('ingeschrevenPersoon.heeftUitkeringInkomensvoorziening')).map((inkomensvoorziening) =>
        row({ werkzoekende, inkomensvoorziening }),
      ),
    ),
  'woz-belangen-per-rechtspersoon': () =>
    subjs(g('rechtspersoon.heeftWOZBelang'))
      .filter((rp) => !isA(rp, g('IngeschrevenPersoon')))
      .map((rechtspersoon) =>
        row({
          rechtspersoon,
          wozBelangen: objs(rechtspersoon, g('rechtspersoon.heeftWOZBelang')).filter((b) => isA(b, g('WOZBelang'))).length,
        }),
      )
      .filter((r) => r.wozBelangen !== '0'),
  'subsidies-per-aanvrager': () =>
    subjs(g('rechtspersoon.aanvragerSubsidie'))
      .map((aanvrager) =>
        row({
          aanvrager,
          inwoner: isA(aanvrager, g('IngeschrevenPersoon')),
          subsidies: objs(aanvrager, g('rechtspersoon.aanvragerSubsidie')).filter((s) => isA(s, g('Subsidie'))).length,
        }),
      )
      .filter((r) => r.subsidies !== '0'),
  'meldingen-openbare-ruimte-door-inwoners': () =>
    instances(g('Melding_BeheerOpenbareRuimte')).flatMap((melding) =>
      objs(melding, g('melding_BeheerOpenbareRuimte.melderNatuurlijkPersoon'))
        .filter((m) => isA(m, g('IngeschrevenPersoon')))
        .flatMap((melder) => {
          const adressen = objs(melder, g('ingeschrevenPersoon.heeftAlsAdresNummeraanduiding'));
          if (!adressen.length) return [row({ melding, melder })];
          return adressen.flatMap((a) =>
            orNone(lits(a, g('nummeraanduiding_BAG.postcode'))).flatMap((postcode) =>
              orNone(lits(a, g('nummeraanduiding_BAG.huisnummer'))).map((huisnummer) => row({ melding, melder, postcode, huisnummer })),
            ),
          );
        }),
    ),
  'leerplichtbeslissingen-en-adressen': () =>
    instances(g('Beslissing')).flatMap((beslissing) =>
      objs(beslissing, g('beslissing.betreftLeerling')).flatMap((leerling) =>
        objs(leerling, g('ingeschrevenPersoon.heeftAlsAdresNummeraanduiding')).flatMap((adres) =>
          orNone(lits(adres, g('nummeraanduiding_BAG.postcode'))).map((postcode) => row({ beslissing, leerling, adres, postcode })),
        ),
      ),
    ),
  'inwoners-per-woonplaats': () => {
    const per = countBy(
      instances(g('IngeschrevenPersoon')).flatMap((p) =>
        objs(p, g('ingeschrevenPersoon.heeftAlsAdresNummeraanduiding')).flatMap((a) =>
          objs(a, g('nummeraanduiding_BAG.ligtInWoonplaats')).map((w) => [w, p] as const),
        ),
      ),
      (x) => x[0],
      (x) => x[1],
    );
    return [...per].map(([woonplaats, ps]) => {
      const namen = lits(woonplaats, g('woonplaats_BAG.woonplaatsnaam'));
      assert.ok(namen.length <= 1, `woonplaats ${woonplaats} has one name at most (SAMPLE is then determined)`);
      return row({ woonplaats, woonplaatsnaam: namen[0], inwoners: ps.size });
    });
  },
  'inwoners-per-buurt': () => {
    const pairs = instances(g('IngeschrevenPersoon')).flatMap((p) =>
      objs(p, g('ingeschrevenPersoon.heeftAlsAdresNummeraanduiding')).flatMap((a) =>
        objs(a, g('nummeraanduiding_BAG.ligtInBuurt')).map((b) => [b, p] as const),
      ),
    );
    const per = countBy(
      pairs,
      (x) => x[0],
      (x) => x[1],
    );
    return [...per].map(([buurt, ps]) => row({ buurt, inwoners: ps.size, clienten: [...ps].filter((p) => isA(p, g('Client'))).length }));
  },
  'aanvragen-die-tot-een-zaak-leiden': () =>
    subjs(g('aanvraagOfMelding_10Dienstverlening.kanLeidenTotZaak')).flatMap((aanvraag) =>
      objs(aanvraag, g('aanvraagOfMelding_10Dienstverlening.kanLeidenTotZaak'))
        .filter((z) => isA(z, g('Zaak')))
        .flatMap((zaak) => orNone(objs(zaak, g('zaak.type'))).map((zaaktype) => row({ aanvraag, zaak, zaaktype }))),
    ),
  'besluiten-per-producttype': () => {
    const pairs = instances(g('Besluit_RGBZPlus')).flatMap((besluit) =>
      objs(besluit, g('besluit_RGBZPlus.zaak')).flatMap((zaak) =>
        objs(zaak, g('zaak.heeftProductProducttype'))
          .filter((p) => isA(p, g('Producttype')))
          .map((producttype) => ({ besluit, zaak, producttype })),
      ),
    );
    const zaken = countBy(
      pairs,
      (t) => t.producttype,
      (t) => t.zaak,
    );
    const besluiten = countBy(
      pairs,
      (t) => t.producttype,
      (t) => t.besluit,
    );
    return [...zaken].map(([producttype, zs]) => row({ producttype, zaken: zs.size, besluiten: besluiten.get(producttype)!.size }));
  },
  'zaken-over-omgevingswetprojecten': () =>
    instances(g('Zaak')).flatMap((zaak) =>
      objs(zaak, g('zaak.betreftProject'))
        .filter((p) => isA(p, g('Project_Omgevingswet')))
        .flatMap((project) =>
          orNone(objs(project, g('project_Omgevingswet.heeftProjectactiviteit'))).map((projectactiviteit) =>
            row({ zaak, project, projectactiviteit }),
          ),
        ),
    ),
  'daklozen-met-inkomensvoorziening': () =>
    instances(g('Client')).flatMap((client) =>
      objs(client, g('client.heeftDakloosheid')).flatMap((dakloosheid) =>
        objs(client, g('client.heeftVoorzieningInkomensvoorziening')).map((inkomensvoorziening) =>
          row({ client, dakloosheid, inkomensvoorziening }),
        ),
      ),
    ),
  'sociaal-team-en-schuldhulp': () =>
    subjs(g('client.heeftSociaalTeamDossier')).flatMap((client) =>
      objs(client, g('client.heeftSociaalTeamDossier'))
        .filter((d) => isA(d, g('SociaalTeamDossier')))
        .flatMap((dossier) =>
          subjs(g('schuldhulptraject.heeftTrajectClient'), client)
            .filter((t) => isA(t, g('Schuldhulptraject')))
            .map((traject) => row({ client, dossier, traject })),
        ),
    ),
  'terugvordering-bij-regelingen': () =>
    instances(g('Terugvorderingsverzoek')).flatMap((verzoek) =>
      objs(verzoek, g('terugvorderingsverzoek.betreftClient')).flatMap((client) =>
        objs(client, g('client.heeftRegelingRegeling')).flatMap((r) =>
          objs(r, g('regeling_ModelInkomen.isRegelingsoortRegelingsoort')).flatMap((s) =>
            lits(s, g('regelingsoort.naam')).map((regelingsoort) => row({ client, verzoek, regelingsoort })),
          ),
        ),
      ),
    ),
  'verblijfsobjecten-in-vastgoedbeheer': () =>
    instances(g('Verblijfsobject_BAG')).flatMap((verblijfsobject) =>
      objs(verblijfsobject, g('verblijfsobject_BAG.heeftVastgoedobject'))
        .filter((v) => isA(v, g('Vastgoedobject')))
        .map((vastgoedobject) => row({ verblijfsobject, vastgoedobject })),
    ),
  'adressen-met-woz-object': () =>
    instances(g('Nummeraanduiding_BAG')).flatMap((adres) =>
      objs(adres, g('nummeraanduiding_BAG.verwijstNaarLocatieaanduidingWozObject')).flatMap((l) =>
        objs(l, g('locatieaanduidingWozObject.heeftWOZObject')).flatMap((wozObject) =>
          orNone(objs(adres, g('nummeraanduiding_BAG.ligtInWoonplaats'))).map((woonplaats) => row({ adres, wozObject, woonplaats })),
        ),
      ),
    ),
  'zorgmeldingen-over-clienten': () =>
    instances(g('Zorgmelding')).flatMap((zorgmelding) =>
      objs(zorgmelding, g('zorgmelding.betreftNatuurlijkPersoon')).map((inwoner) =>
        row({ zorgmelding, inwoner, client: isA(inwoner, g('Client')) }),
      ),
    ),
  'panden-met-vth-zaken': () =>
    subjs(g('object.isPand_2')).flatMap((object) =>
      objs(object, g('object.isPand_2'))
        .filter((pand) => isA(pand, g('Pand_BAG')))
        .flatMap((pand) =>
          objs(object, g('object.zaak'))
            .filter((zaak) => isA(zaak, g('VTHzaak')))
            .flatMap((zaak) =>
              orNone(subjs(g('inspectie_1VeiligheidEnVergunningen.heeftVTHzaak'), zaak)).map((inspectie) => row({ pand, zaak, inspectie })),
            ),
        ),
    ),
  'zaken-per-organisatorische-eenheid': () =>
    instances(g('OrganisatorischeEenheid')).flatMap((eenheid) =>
      objs(eenheid, g('organisatorischeEenheid.zaaktype')).flatMap((zaaktype) => {
        const zaken = subjs(g('zaak.type'), zaaktype).filter((z) => isA(z, g('Zaak')));
        if (!zaken.length) return [];
        const besluiten = new Set(zaken.flatMap((z) => subjs(g('besluit_RGBZPlus.zaak'), z).filter((b) => isA(b, g('Besluit_RGBZPlus')))));
        const kostenplaatsen = objs(eenheid, g('organisatorischeEenheid.heeftKostenplaats')).filter((k) => isA(k, g('Kostenplaats')));
        return orNone(kostenplaatsen).map((kostenplaats) =>
          row({ eenheid, kostenplaats, zaaktype, zaken: zaken.length, besluiten: besluiten.size }),
        );
      }),
    ),
  'relaties-tussen-domeinen': () => {
    const per = countBy(
      crossDomainProperties(),
      (x) => JSON.stringify([x.from.label, x.to.label]),
      (x) => x.p,
    );
    return [...per].map(([k, ps]) => {
      const [vanDomein, naarDomein] = JSON.parse(k) as [string, string];
      return row({ vanDomein, naarDomein, relaties: ps.size });
    });
  },
  'relaties-tussen-domeinen-in-gebruik': () =>
    uniq(crossDomainProperties().map((x) => JSON.stringify([x.p, x.van, x.from.label, x.naar, x.to.label])))
      .map((k) => JSON.parse(k) as string[])
      .map(([eigenschap, van, vanDomein, naar, naarDomein]) => {
        const used = new Set(n3.getQuads(null, node(eigenschap!), null, null).map((q) => `${q.subject.value} ${q.object.id}`));
        return row({ eigenschap, van, vanDomein, naar, naarDomein, gebruik: used.size });
      })
      .filter((r) => r.gebruik !== '0'),
  'klassen-uitgelijnd-met-nationale-standaarden': () => {
    const national = [
      'https://bag2.basisregistraties.overheid.nl/',
      'http://brk.basisregistraties.overheid.nl/',
      'http://definities.geostandaarden.nl/def/nen3610',
    ];
    const domains = classDomains();
    return [...domains].flatMap(([klasse, ds]) =>
      MATCHES.flatMap((overeenkomst) =>
        objs(klasse, overeenkomst)
          .filter((doel) => national.some((n) => doel.startsWith(n)))
          .flatMap((doel) => ds.map((d) => row({ klasse, domein: d.label, overeenkomst, doel }))),
      ),
    );
  },
  'alignments-per-domein': () => {
    const pairs = [...classDomains()].flatMap(([cls, ds]) => ds.map((d) => [d.label, cls] as const));
    const per = countBy(
      pairs,
      (x) => x[0],
      (x) => x[1],
    );
    const aligned = (cls: string) => MATCHES.some((m) => objs(cls, m).some((t) => !t.startsWith(GGM)));
    return [...per].map(([domein, cs]) => row({ domein, klassen: cs.size, uitgelijndeKlassen: [...cs].filter(aligned).length }));
  },
  'zelfde-naam-andere-domeinen': () => {
    const classes = [...classDomains()].flatMap(([cls, ds]) =>
      lits(cls, RDFS + 'label').flatMap((naam) => ds.map((d) => ({ cls, naam, d }))),
    );
    const byName = countBy(
      classes,
      (c) => c.naam,
      (c) => JSON.stringify(c),
    );
    const rows: Row[] = [];
    for (const [, members] of byName) {
      const list = [...members].map((m) => JSON.parse(m) as (typeof classes)[number]);
      for (const a of list)
        for (const b of list) {
          if (!(a.cls < b.cls) || a.d.domain === b.d.domain) continue;
          const same = objs(a.cls, SKOS + 'exactMatch').includes(b.cls) || objs(b.cls, SKOS + 'exactMatch').includes(a.cls);
          rows.push(row({ naam: a.naam, klasse1: a.cls, domein1: a.d.label, klasse2: b.cls, domein2: b.d.label, zelfdeBegrip: same }));
        }
    }
    return rows;
  },
  'voorbeelddata-per-domein': () => {
    const domains = classDomains();
    const pairs = [...domains].flatMap(([cls, ds]) => instances(cls).flatMap((x) => ds.map((d) => ({ domein: d.label, x, cls }))));
    const objects = countBy(
      pairs,
      (p) => p.domein,
      (p) => p.x,
    );
    const classes = countBy(
      pairs,
      (p) => p.domein,
      (p) => p.cls,
    );
    return [...objects].map(([domein, xs]) => row({ domein, objecten: xs.size, klassen: classes.get(domein)!.size }));
  },
};

function run(sparql: string): Row[] {
  const json = JSON.parse(
    oxi.query(sparql, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string,
  ) as {
    results: { bindings: Record<string, { value: string }>[] };
  };
  return json.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

const key = (r: Row) => JSON.stringify(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
const asSet = (rows: Row[]) => [...new Set(rows.map(key))].sort();

test('the library has at least 20 queries, each with name, Dutch and English question and the domains it crosses', () => {
  assert.ok(library.length >= 20, `${library.length} queries`);
  for (const q of library) {
    assert.match(q.nl, /\?$/, `${q.file}: nl is a question`);
    assert.match(q.en, /\?$/, `${q.file}: en is a question`);
    assert.ok(q.domeinen.length >= 1, q.file);
    assert.match(q.sparql, /^PREFIX ggm: <https:\/\/gemeentelijkgegevensmodel\.nl\/def\/ggm\/>/m, q.file);
  }
  assert.equal(new Set(library.map((q) => q.name)).size, library.length);
});

test('the domains a query names are GGM domains, at least two, and exactly those of the classes and properties it uses', () => {
  const labels = new Set(instances('http://modellen.mim-standaard.nl/def/mim#Domein').flatMap((d) => lits(d, RDFS + 'label')));
  const domainsOf = (cls: string) => objs(cls, IS_PART_OF).flatMap((d) => lits(d, RDFS + 'label'));
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  for (const q of library) {
    if (q.domeinen.length === 1 && q.domeinen[0] === 'alle domeinen') continue;
    check(q.domeinen.length >= 2, `${q.name}: crosses fewer than two domains`);
    for (const d of q.domeinen) check(labels.has(d), `${q.name}: "${d}" is no GGM domain`);
    const terms = uniq([...q.sparql.matchAll(/\bggm:([A-Za-z0-9_.]+)/g)].map((m) => `${GGM}${m[1]}`));
    const classes = terms.filter((t) => isA(t, OWL + 'Class'));
    const touched = new Set([
      ...classes.flatMap(domainsOf),
      ...terms
        .filter((t) => isA(t, OWL + 'ObjectProperty') || isA(t, OWL + 'DatatypeProperty'))
        .flatMap((p) => [...objs(p, RDFS + 'domain'), ...objs(p, RDFS + 'range')].flatMap(domainsOf)),
    ]);
    for (const c of classes)
      for (const d of domainsOf(c)) check(q.domeinen.includes(d), `${q.name}: class ${c} lies in ${d}, which the header does not name`);
    for (const d of q.domeinen)
      check(touched.has(d), `${q.name}: no class or property of the query lies in ${d} (touched: ${[...touched].join(', ')})`);
  }
  assert.deepEqual(problems, []);
});

test('every library query has an independent expected answer written for it', () => {
  assert.deepEqual(
    library.map((q) => q.name).filter((n) => !EXPECTED[n]),
    [],
  );
});

/** A library query as the service runs it: GeoSPARQL functions evaluated at the store border (src/store/spatial.ts). */
async function runLibraryQuery(sparql: string): Promise<Row[]> {
  const rewritten = await evaluateSpatialFunctions(
    sparql,
    undefined,
    async (q) =>
      (
        JSON.parse(oxi.query(q, { use_default_graph_as_union: true, results_format: 'application/sparql-results+json' }) as string) as {
          results: { bindings: Record<string, { type: string; value: string }>[] };
        }
      ).results.bindings,
  );
  if (rewritten === undefined) return run(sparql);
  // distances and areas (xsd:decimal, 0.1 mm) compared with JTS to the decimetre (sums of rounded values)
  return run(rewritten).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /_m2?$/.test(k) ? Number(v).toFixed(1) : v])));
}

test('every query answers its question on the demo municipality: non-empty and equal to the independent walk', async () => {
  for (const q of library) {
    const actual = await runLibraryQuery(q.sparql);
    assert.ok(actual.length > 0, `${q.name}: empty answer`);
    const expected = EXPECTED[q.name]!();
    assert.deepEqual(asSet(actual), asSet(expected), `${q.name}: answer differs from the independent computation`);
    assert.equal(new Set(actual.map(key)).size, actual.length, `${q.name}: no duplicate rows`);
  }
});

test('the two scenario questions give the residents the demo generator planted (its own record, not the data)', async () => {
  const register = await committedRegister(PROJECT_ROOT);
  const d = demo(await loadGgmModel(defaultRelease()), register ? { register } : {});
  const byName = new Map(library.map((q) => [q.name, q]));
  const stadspas = run(byName.get('stadspas-en-energietoeslag')!.sparql);
  const planted = stadspasEnEnergietoeslagExpected(d);
  assert.ok(planted.length > 0);
  assert.deepEqual(asSet(stadspas), asSet(planted.map((r) => row({ inwoner: r.inwoner, bsn: r.bsn }))));
  const wmo = run(byName.get('schuldhulp-en-wmo')!.sparql).map((r) => r.inwoner!);
  assert.deepEqual([...wmo].sort(), schuldhulpEnWmoExpected(d));
});

test('the vocabulary base is substituted for the default one', () => {
  const other = loadQueryLibrary(ROOT, 'https://ggm.example.org/');
  for (const q of other) {
    assert.ok(!q.sparql.includes('https://gemeentelijkgegevensmodel.nl/'), q.name);
    assert.match(q.sparql, /PREFIX ggm: <https:\/\/ggm\.example\.org\/def\/ggm\/>/);
  }
});

test('a missing header field or a query that does not parse is reported with the file name', () => {
  const header = '# name: x\n# nl: Vraag?\n# en: Question?\n';
  assert.throws(
    () => parseLibraryQuery('99-x.rq', `${header}SELECT * WHERE { ?s ?p ?o }`),
    (e: Error) => e instanceof QueryLibraryError && /99-x\.rq.*domeinen/.test(e.message),
  );
  assert.throws(
    () => parseLibraryQuery('98-x.rq', `${header}# domeinen: BAG\nSELECT * WHERE { ?s ?p `),
    (e: Error) => e instanceof QueryLibraryError && /^98-x\.rq: the query does not parse/.test(e.message),
  );
  const dir = mkdtempSync(join(tmpdir(), 'ggm-queries-'));
  mkdirSync(join(dir, 'queries'));
  writeFileSync(join(dir, 'queries', '01-x.rq'), `${header}# domeinen: BAG\nSELECT * WHERE { ?s ?p ?o }\n`);
  writeFileSync(join(dir, 'queries', '02-x.rq'), `${header}# domeinen: BAG\nASK { ?s ?p ?o }\n`);
  assert.throws(() => loadQueryLibrary(dir), /02-x\.rq: name "x" is already used by 01-x\.rq/);
  assert.throws(
    () => parseLibraryQuery('03-y.rq', `${header}# domeinen: BAG\nASK {}`),
    /03-y\.rq: the file of query "x" is named NN-x\.rq/,
  );
});
