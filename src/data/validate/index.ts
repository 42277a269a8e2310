// SHACL validation for the project: validate data against shapes, validate a
// shapes graph against SHACL-for-SHACL, validate large inputs in batches,
// and read RDF files.
//
// Engine: the shapes graph compiled into plain checks (compiled.ts) when it
// stays within the SHACL Core subset the GGM shapes use: the same results as
// shacl-engine at ~25x its speed on the GGM shapes; otherwise shacl-engine,
// chosen by measurement (bench/shacl-engines.ts):
// W3C SHACL core suite 98/98 passed (rdf-validate-shacl 96/98: it copies an
// ill-formed sh:path node into sh:resultPath in core/path/path-strange-001
// and -002). Speed on the GGM shapes + demo data: shacl-engine ~2.8x faster
// (18.6k vs 6.7k data triples/s); on a synthetic 100k-triple graph with
// simple shapes both ~40-80k triples/s. Deviations found outside the suite
// and handled here: shacl-engine reads rdfs:subClassOf from the shapes graph,
// not the data graph (engines.ts adds the data graph's hierarchy), and is
// quadratic on long RDF lists (shacl-shacl.ts checks long sh:in lists
// itself). Core constraints only: SHACL-SPARQL would need
// shacl-engine/sparql.js (Comunica), which is not loaded.
export { validate, prepareShapes, outcomeOf, defaultEngine, type ValidationOutcome, type ValidateOptions } from './validate.js';
export { validateShapesGraph, defaultShaclShaclFile } from './shacl-shacl.js';
export { validateInBatches, batchBySubject, collectTypes, TypeIndex, type BatchOptions, type BatchValidationOutcome } from './batches.js';
export { parseRdfFile, rdfFileQuads, rdfSyntaxOf, type RdfSyntax, type ParseOptions } from './parse.js';
export { termText, pathText, type ValidationResult } from './report.js';
export { writeReportFile, describeResult } from './report-file.js';
export { loadGgmShapes, type GgmShapes } from './ggm-shapes.js';
export { compiledEngine, CompiledShapes, UnsupportedShapes } from './compiled.js';
export { shaclEngine, type ShaclEngine, type PreparedShapes, type EngineReport } from './engines.js';
