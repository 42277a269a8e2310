/**
 * A map of GeoSPARQL geometries as inline SVG in RD New (EPSG:28992): no
 * tiles, no script, no outside network. Polygons, lines and points of any CRS
 * the WKT module knows are brought into RD New (src/data/spatial.ts), drawn
 * north up at one scale, each a link to its object with its name as tooltip,
 * with a scale bar and a legend per layer. The SVG is an image with a text
 * alternative; the table beside it carries the same data for screen readers.
 */
import { toRdNew } from '../../data/spatial.js';
import { parseWkt, positions, type Position, type WktGeometry } from '../../data/wkt.js';
import { html, type Html } from './html.js';

export interface MapFeature {
  wkt: string;
  /** Name shown as tooltip (and read by assistive technology). */
  label: string;
  href?: string;
  /** The layer (legend entry) it belongs to. */
  layer: string;
  /** The subject of the page: drawn on top and emphasised. */
  focus?: boolean;
}

const WIDTH = 640;
/** Layer colours, dark enough against the light map background (≥ 3:1, WCAG 1.4.11). */
const COLOURS = ['#1f5f99', '#b3471d', '#2f7d32', '#7b3fa0', '#8a6d00', '#a3224a', '#00727a', '#4d4d4d'];

interface Drawn {
  f: MapFeature;
  g: WktGeometry;
}

/** A round length for the scale bar: about a fifth of the map's width. */
function niceLength(metres: number): number {
  const target = metres / 5;
  const p = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((m) => m * p).find((l) => l <= target) ?? p;
}

/** The map, or undefined when no feature has a geometry that can be drawn. */
export function renderGeometryMap(features: MapFeature[], caption: string): Html | undefined {
  const drawn: Drawn[] = [];
  let skipped = 0;
  for (const f of features) {
    try {
      drawn.push({ f, g: toRdNew(parseWkt(f.wkt)) });
    } catch {
      skipped++;
    }
  }
  if (!drawn.length) return undefined;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const d of drawn)
    for (const [x, y] of positions(d.g)) {
      [x0, y0, x1, y1] = [Math.min(x0, x!), Math.min(y0, y!), Math.max(x1, x!), Math.max(y1, y!)];
    }
  const span = Math.max(x1 - x0, y1 - y0, 50);
  const pad = span * 0.05;
  [x0, y0, x1, y1] = [x0 - pad, y0 - pad, x1 + pad, y1 + pad];
  const w = Math.max(x1 - x0, 50);
  const h = Math.max(y1 - y0, 50);
  const scale = WIDTH / w;
  const height = Math.round(h * scale);
  const px = (p: Position) => `${((p[0]! - x0) * scale).toFixed(1)} ${((y1 - p[1]!) * scale).toFixed(1)}`;
  const ring = (r: Position[]) => `M${r.map(px).join(' L')} Z`;
  const line = (l: Position[]) => `M${l.map(px).join(' L')}`;
  const layers = [...new Set(drawn.map((d) => d.f.layer))];
  const colour = (layer: string) => COLOURS[layers.indexOf(layer) % COLOURS.length]!;
  const shape = (g: WktGeometry, c: string, focus: boolean): Html[] => {
    const stroke = focus ? 3 : 1.5;
    switch (g.type) {
      case 'Point':
        return g.coordinates.length ? [circle(g.coordinates as Position)] : [];
      case 'MultiPoint':
        return g.coordinates.map(circle);
      case 'LineString':
        return [html`<path d="${line(g.coordinates)}" fill="none" stroke="${c}" stroke-width="${stroke}"/>`];
      case 'MultiLineString':
        return [html`<path d="${g.coordinates.map(line).join(' ')}" fill="none" stroke="${c}" stroke-width="${stroke}"/>`];
      case 'Polygon':
        return [
          html`<path d="${g.coordinates.map(ring).join(' ')}" fill="${c}" fill-opacity="${focus ? 0.35 : 0.12}" fill-rule="evenodd" stroke="${c}" stroke-width="${stroke}"/>`,
        ];
      case 'MultiPolygon':
        return [
          html`<path d="${g.coordinates.map((p) => p.map(ring).join(' ')).join(' ')}" fill="${c}" fill-opacity="${focus ? 0.35 : 0.12}" fill-rule="evenodd" stroke="${c}" stroke-width="${stroke}"/>`,
        ];
      case 'GeometryCollection':
        return g.geometries.flatMap((x) => shape(x, c, focus));
    }
    function circle(p: Position): Html {
      return html`<circle cx="${px(p).split(' ')[0]}" cy="${px(p).split(' ')[1]}" r="${focus ? 6 : 4}" fill="${c}" stroke="#fff" stroke-width="1"/>`;
    }
  };
  // areas first (largest at the bottom), then lines, then points; the page's own object last
  const rank = (d: Drawn) => (d.f.focus ? 3 : /Polygon/.test(d.g.type) ? 0 : /Line/.test(d.g.type) ? 1 : 2);
  const ordered = [...drawn].sort((a, b) => rank(a) - rank(b));
  const bar = niceLength(w);
  const barPx = bar * scale;
  const counts = layers.map((l) => `${drawn.filter((d) => d.f.layer === l).length} × ${l}`).join(', ');
  const alt = `${caption}: ${counts}, RD New, ${Math.round(w)} bij ${Math.round(h)} meter${skipped ? `; ${skipped} geometrie(ën) niet te tekenen` : ''}.`;
  return html`<figure class="kaart"><svg class="geometry-map" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="group" aria-label="${alt}" xmlns="http://www.w3.org/2000/svg">
<rect width="${WIDTH}" height="${height}" fill="#f7f7f2"/>
${ordered.map((d) => {
  const body = shape(d.g, colour(d.f.layer), !!d.f.focus);
  const title = html`<title>${d.f.layer}: ${d.f.label}</title>`;
  return d.f.href ? html`<a href="${d.f.href}">${title}${body}</a>` : html`<g>${title}${body}</g>`;
})}
<g class="schaal" aria-hidden="true"><rect x="10" y="${height - 24}" width="${barPx.toFixed(1)}" height="5" fill="#1b1f24"/><text x="10" y="${height - 30}" font-size="12" fill="#1b1f24">${bar >= 1000 ? `${bar / 1000} km` : `${bar} m`}</text></g>
</svg>
<figcaption>${caption} (RD New, EPSG:28992; noorden boven). ${layers.map((l) => html`<span class="laag"><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${colour(l)}"/></svg> ${l}</span> `)}${skipped ? html` ${skipped} geometrie(ën) niet getekend (onbekend coördinaatstelsel of ongeldige WKT).` : ''}</figcaption></figure>`;
}
