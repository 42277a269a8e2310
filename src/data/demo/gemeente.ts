/**
 * The fictional municipality of the demo data: Lindewaard. Nothing here is a
 * real place, person or organisation; identifiers are syntactically valid but
 * drawn from ranges that make them recognisably synthetic (BSNs start with 99,
 * IBANs use the bank code DEMO, e-mail and web addresses use .example).
 */
export const GEMEENTE = {
  naam: 'Lindewaard',
  /** A four-digit CBS-style gemeentecode no Dutch municipality uses. */
  code: '9901',
  woonplaatsen: ['Lindewaard', 'Oosterlinde', 'Bremhoeve', 'Kortewaal'],
  /** Woonplaatscodes (4 digits), one per woonplaats. */
  woonplaatscodes: ['9931', '9932', '9933', '9934'],
  /** Centre in RD New (EPSG:28992), in a quiet corner of the map; ~4 km radius. */
  centrum: { x: 148_000, y: 452_000 },
  straal: 4_000,
  emailDomein: 'lindewaard.example',
  website: 'https://www.lindewaard.example',
  bankcode: 'DEMO',
  /** Postcode digits used for Lindewaard's postcodes (letters vary). */
  postcodeCijfers: ['9901', '9902', '9903', '9904', '9905'],
} as const;

export const RD_CRS = '<http://www.opengis.net/def/crs/EPSG/0/28992> ';

export const VOORNAMEN_M = ['Jan', 'Pieter', 'Willem', 'Daan', 'Sem', 'Lucas', 'Milan', 'Bram', 'Thijs', 'Ruben', 'Mohammed', 'Youssef', 'Kees', 'Henk', 'Gerrit', 'Ahmet', 'Luuk', 'Jesse', 'Noah', 'Joris', 'Teun', 'Stijn', 'Sander', 'Wouter', 'Bas'];
export const VOORNAMEN_V = ['Anna', 'Emma', 'Julia', 'Sophie', 'Fleur', 'Lotte', 'Sanne', 'Fatima', 'Noor', 'Eva', 'Maria', 'Johanna', 'Ingrid', 'Saskia', 'Anouk', 'Lieke', 'Yasmina', 'Elif', 'Iris', 'Femke', 'Marloes', 'Tessa', 'Mila', 'Zoë', 'Hanna'];
export const GESLACHTSNAMEN = ['Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'Dekker', 'Brouwer', 'Dijkstra', 'Kok', 'Willems', 'Verhoeven', 'Koster', 'Prins', 'Huisman', 'Postma', 'Kuipers', 'Veenstra', 'Yilmaz', 'El Amrani', 'Schouten', 'Hoekstra', 'Timmermans', 'Groen', 'Kramer', 'Maas'];
/** Geslachtsnamen that are written with a voorvoegsel. */
export const MET_VOORVOEGSEL: ReadonlyArray<[string, string]> = [['de', 'Vries'], ['van', 'Dijk'], ['van den', 'Berg'], ['de', 'Jong'], ['van der', 'Meer'], ['van', 'Leeuwen'], ['de', 'Boer'], ['ter', 'Horst'], ['van der', 'Linden'], ['de', 'Graaf'], ['in \'t', 'Veld'], ['van', 'Wijk']];
export const STRAATNAMEN = ['Lindelaan', 'Kerkstraat', 'Molenweg', 'Dorpsstraat', 'Schoolstraat', 'Beukenlaan', 'Eikenhof', 'Waalkade', 'Bremstraat', 'Havenweg', 'Kastanjeplein', 'Sluispad', 'Vlasakker', 'Korenbloemstraat', 'Rietgors', 'Hoefsmid', 'Populierenlaan', 'Wilgenhoek', 'Marktplein', 'Stationsweg', 'Zuidsingel', 'Noordsingel', 'Oude Dijk', 'Nieuwe Gracht', 'Berkenrode', 'Hooiberg', 'Smidsteeg', 'Tuinbouwweg', 'Veerpad', 'Zandpad'];
export const BEDRIJFSNAMEN = ['Bouwbedrijf Waalkade B.V.', 'Lindewaard Zorg Stichting', 'Groenbeheer De Linde B.V.', 'Adviesbureau Kortewaal', 'Stichting Welzijn Oosterlinde', 'Transport Bremhoeve B.V.', 'Schoonmaak Linde V.O.F.', 'ICT Diensten Waal B.V.', 'Woningstichting Lindewaard', 'Installatietechniek Molenweg B.V.', 'Energiecoöperatie Lindewaard U.A.', 'Vereniging Dorpsbelang Bremhoeve'];
export const WOORDEN = ['onderhoud', 'aanvraag', 'controle', 'inspectie', 'melding', 'overleg', 'advies', 'planning', 'levering', 'beoordeling', 'registratie', 'afhandeling', 'signalering', 'uitvoering', 'evaluatie'];
