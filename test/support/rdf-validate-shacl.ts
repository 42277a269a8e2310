/**
 * rdf-validate-shacl (Zazuko) behind the project's engine interface: a second
 * engine the W3C suite test and the engine benchmark compare with. Test and
 * bench only (a devDependency); the service validates with src/data/validate.
 */
import SHACLValidator from 'rdf-validate-shacl';
import type { Quad } from '@rdfjs/types';
import { asDataset } from '../../src/data/validate/report.js';
import type { ShaclEngine } from '../../src/data/validate/index.js';

export const rdfValidateShacl: ShaclEngine = {
  name: 'rdf-validate-shacl',
  prepare(shapes) {
    const validator = new SHACLValidator(asDataset(shapes));
    return {
      async validate(data) {
        const report = await validator.validate(asDataset(data));
        return { conforms: report.conforms, quads: [...(report.dataset as unknown as Iterable<Quad>)] };
      },
    };
  },
};
