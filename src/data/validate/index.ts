// SHACL validation for the project: validate data against shapes, validate a
// shapes graph against SHACL-for-SHACL, validate large inputs in batches,
// and read RDF files.
//
// Engine: shacl-engine. Measured with bench/shacl-engines.ts: it passes all
// 98 tests of the W3C SHACL core suite (rdf-validate-shacl: 96, it copies an
// ill-formed sh:path node into sh:resultPath in core/path/path-strange-001
// and -002), at about the same speed (~60-65k data triples/s on a synthetic
// 100k-300k triple graph; see the report in the commit history).
export { validate, prepareShapes, outcomeOf, defaultEngine, type ValidationOutcome, type ValidateOptions } from './validate.js';
export { validateShapesGraph, defaultShaclShaclFile, sharedDir } from './shacl-shacl.js';
export { validateInBatches, batchBySubject, collectTypes, TypeIndex, type BatchOptions, type BatchValidationOutcome } from './batches.js';
export { parseRdfFile, rdfFileQuads, rdfSyntaxOf, type RdfSyntax, type ParseOptions } from './parse.js';
export { termText, pathText, type ValidationResult } from './report.js';
export { engines, shaclEngine, rdfValidateShacl, type ShaclEngine, type PreparedShapes, type EngineReport } from './engines.js';
