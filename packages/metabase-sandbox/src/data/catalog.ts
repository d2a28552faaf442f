// Databases, their tables and fields. Small at every scale (tens of databases at most), so built once.
import { between, nanoId, pick, unit } from '../prng.js';
import type { JsonRecord } from '../types.js';
import { fingerprintFor } from './fingerprint.js';
import { ENGINES, SAMPLE_ENGINE, TABLE_TEMPLATES, type EngineTemplate, type FieldTemplate } from './table-templates.js';
import { iso, momentAt } from './time.js';

const KIND_DB = 21;
const KIND_TABLE = 22;
const KIND_FIELD = 23;

export interface FieldModel {
  record: JsonRecord;
  id: number;
  tableId: number;
  name: string;
  displayName: string;
  baseType: string;
  semanticType: string | null;
}
export interface TableModel {
  record: JsonRecord;
  id: number;
  dbId: number;
  name: string;
  fields: FieldModel[];
}
export interface DatabaseModel {
  record: JsonRecord;
  id: number;
  name: string;
  engine: string;
  tables: TableModel[];
}

export interface Catalog {
  databases: DatabaseModel[];
  tables: TableModel[];
  fields: FieldModel[];
}

function displayName(name: string): string {
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ')
    .replace(/\bId\b/, 'ID')
    .replace(/\bUrl\b/, 'URL')
    .replace(/\bEan\b/, 'Ean');
}

function databaseRecord(seed: number, id: number, engine: EngineTemplate, name: string): JsonRecord {
  const created = momentAt(0.002 * id, unit(seed, KIND_DB, id, 1));
  const isSample = engine.engine === 'h2';
  return {
    description: isSample ? 'Some example data for you to play around with.' : null,
    features: [
      'basic-aggregations',
      'binning',
      'case-sensitivity-string-filter-options',
      'expression-aggregations',
      'expressions',
      'foreign-keys',
      'native-parameters',
      'nested-queries',
      'standard-deviation-aggregations',
      'left-join',
    ],
    cache_field_values_schedule: '0 0 0 * * ? *',
    timezone: 'UTC',
    auto_run_queries: true,
    metadata_sync_schedule: `0 ${id % 60} * * * ? *`,
    name,
    settings: null,
    caveats: null,
    creator_id: isSample ? null : 1,
    is_full_sync: true,
    updated_at: iso(created + 3_600_000),
    cache_ttl: null,
    // Only admins see `details` (dropped for others by the route). Metabase masks secrets this way.
    details: isSample
      ? { db: 'file:/plugins/sample-database.db;USER=GUEST;PASSWORD=guest' }
      : {
          host: `${engine.engine}.internal.example.com`,
          port: 5432,
          dbname: name.toLowerCase().replace(/\W+/g, '_'),
          user: 'metabase_reader',
          password: '**MetabasePass**',
          ssl: true,
          'tunnel-enabled': false,
          'advanced-options': false,
        },
    is_sample: isSample,
    id,
    is_on_demand: false,
    options: null,
    engine: engine.engine,
    initial_sync_status: 'complete',
    is_audit: false,
    dbms_version: { flavor: engine.flavor, version: engine.version, 'semantic-version': engine.semver },
    refingerprint: null,
    created_at: iso(created),
    points_of_interest: null,
    can_upload: false,
    native_permissions: 'write',
    uploads_enabled: false,
    uploads_schema_name: null,
    uploads_table_prefix: null,
    entity_id: nanoId(seed, KIND_DB, id),
  };
}

function fieldModel(
  seed: number,
  id: number,
  table: TableModel,
  template: FieldTemplate,
  position: number,
  engine: EngineTemplate,
  createdMs: number,
): FieldModel {
  const [rawName, baseType, semanticType, dbType] = template;
  const name = engine.upperCase ? rawName.toUpperCase() : rawName;
  const display = displayName(rawName);
  const record: JsonRecord = {
    description: null,
    database_type: dbType,
    semantic_type: semanticType,
    table_id: table.id,
    coercion_strategy: null,
    name,
    fingerprint_version: 5,
    has_field_values: semanticType === 'type/Category' ? 'list' : 'none',
    settings: null,
    caveats: null,
    fk_target_field_id: null,
    updated_at: iso(createdMs + 7_200_000),
    custom_position: 0,
    effective_type: baseType,
    active: true,
    nfc_path: null,
    parent_id: null,
    id,
    last_analyzed: iso(createdMs + 7_200_000),
    position,
    visibility_type: 'normal',
    preview_display: true,
    display_name: display,
    database_position: position,
    database_indexed: position === 0,
    json_unfolding: false,
    fingerprint: fingerprintFor(seed, id, baseType, semanticType),
    created_at: iso(createdMs),
    base_type: baseType,
    points_of_interest: null,
    database_is_auto_increment: position === 0,
    database_required: position === 0,
    entity_id: nanoId(seed, KIND_FIELD, id),
  };
  return { record, id, tableId: table.id, name, displayName: display, baseType, semanticType };
}

/** Builds every database with its tables (each table record hydrated with its `db`) and fields. */
export function buildCatalog(seed: number, scale: number): Catalog {
  const catalog: Catalog = { databases: [], tables: [], fields: [] };
  const dbCount = 2 + Math.min(58, Math.floor(scale / 50));
  for (let id = 1; id <= dbCount; id++) {
    const engine = id === 1 ? SAMPLE_ENGINE : pick(ENGINES, unit(seed, KIND_DB, id, 2));
    const name =
      id === 1
        ? engine.name
        : id <= 1 + ENGINES.length && engine === ENGINES[id - 2]
          ? engine.name
          : `${engine.name} ${id}`;
    const db: DatabaseModel = {
      record: databaseRecord(seed, id, engine, name),
      id,
      name,
      engine: engine.engine,
      tables: [],
    };
    const { details: _details, ...dbWithoutDetails } = db.record;
    const tableCount = id === 1 ? 8 : between(unit(seed, KIND_DB, id, 3), 4, TABLE_TEMPLATES.length);
    for (let t = 0; t < tableCount; t++) {
      const template = TABLE_TEMPLATES[(t + id) % TABLE_TEMPLATES.length] ?? TABLE_TEMPLATES[0];
      if (template === undefined) continue;
      const tableId = catalog.tables.length + 1;
      const tableName = engine.upperCase ? template.name.toUpperCase() : template.name;
      const created = momentAt(0.002 * id, unit(seed, KIND_TABLE, tableId));
      const table: TableModel = { id: tableId, dbId: id, name: tableName, fields: [], record: {} };
      table.record = {
        description: template.description,
        entity_type: 'entity/GenericTable',
        schema: engine.schema,
        db: dbWithoutDetails,
        show_in_getting_started: false,
        name: tableName,
        caveats: null,
        updated_at: iso(created + 7_200_000),
        entity_id: nanoId(seed, KIND_TABLE, tableId),
        active: true,
        id: tableId,
        db_id: id,
        visibility_type: null,
        field_order: 'database',
        is_upload: false,
        initial_sync_status: 'complete',
        display_name: displayName(template.name),
        created_at: iso(created),
        points_of_interest: null,
        estimated_row_count: between(unit(seed, KIND_TABLE, tableId, 2), 0, 5_000_000),
        view_count: between(unit(seed, KIND_TABLE, tableId, 3), 0, 900),
      };
      template.fields.forEach((f, position) => {
        const field = fieldModel(seed, catalog.fields.length + 1, table, f, position, engine, created);
        table.fields.push(field);
        catalog.fields.push(field);
      });
      db.tables.push(table);
      catalog.tables.push(table);
    }
    catalog.databases.push(db);
  }
  return catalog;
}
