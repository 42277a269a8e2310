/**
 * The PostgreSQL path: build a GGM data warehouse from the GGM's DDL, and
 * publish such a warehouse as RDF following the ontology.
 */
export { buildWarehouse, listDdlFiles, summariseWarehouseReport, type WarehouseReport, type DdlDefect, type BuildOptions } from './warehouse.js';
export {
  importWarehouseToFile, importWarehouseAsStream, importWarehouseToStream, deriveWarehouseMapping, type WarehouseImportOptions,
} from './importer.js';
export { createDatabase, dropDatabase, DatabaseConnectionError, describeConnection } from './database.js';
export { loadOverrides, parseOverrides, OverrideError, type Overrides } from './overrides.js';
export type { WarehouseMapping, TableMapping, ColumnMapping, JunctionMapping } from './mapping.js';
