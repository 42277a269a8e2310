/**
 * Answer formats of the SPARQL endpoint: the results formats of SELECT and ASK,
 * the document RDF formats (src/server/formats.ts) for CONSTRUCT and DESCRIBE;
 * chosen by the service's one negotiation (../negotiate.ts).
 */
import type { QueryForm } from '../../store/types.js';
import { Offers, type Offer } from '../negotiate.js';
import { RDF_OFFERS, type Format } from '../formats.js';

export const RESULT_OFFERS = new Offers<Offer>([
  { mediaType: 'application/sparql-results+json', aliases: ['application/json'] },
  { mediaType: 'application/sparql-results+xml', aliases: ['application/xml', 'text/xml'] },
  { mediaType: 'text/csv' },
  { mediaType: 'text/tab-separated-values' },
]);

/** GeoJSON (RFC 7946) of a SELECT with one geometry column or of a CONSTRUCT (../geojson.ts); never chosen for * / *. */
const GEOJSON_OFFER: Offer = { mediaType: 'application/geo+json' };
const SELECT_OFFERS = new Offers<Offer>([...RESULT_OFFERS.list, GEOJSON_OFFER]);
const CONSTRUCT_OFFERS = new Offers<Offer>([...RDF_OFFERS.list, GEOJSON_OFFER]);

export function offersFor(form: QueryForm): Offers<Offer> | Offers<Format> {
  if (form === 'SELECT') return SELECT_OFFERS;
  if (form === 'CONSTRUCT') return CONSTRUCT_OFFERS;
  return form === 'ASK' ? RESULT_OFFERS : RDF_OFFERS;
}
