// Databases ({data,total}), tables (bare array, hydrated db) and fields.
import type { DatabaseModel } from '../data/catalog.js';
import type { World } from '../data/world.js';
import type { JsonRecord } from '../types.js';
import { jsonReply, NOT_FOUND } from '../server/reply.js';
import { defineRoute, isReply, positiveId, type Route } from '../server/route.js';

const SAVED_QUESTIONS_DB: JsonRecord = {
  id: -1337,
  name: 'Saved Questions',
  is_saved_questions: true,
  engine: null,
  features: ['basic-aggregations', 'nested-queries'],
};

function tableWithoutDb(record: JsonRecord): JsonRecord {
  const { db: _db, ...rest } = record;
  return rest;
}

export function databaseRoutes(world: World): Route[] {
  const { catalog } = world;
  // `details` is only shown to callers who may edit the database (admins).
  const dbView = (db: DatabaseModel, admin: boolean, include: string | null): JsonRecord => {
    const { details, ...rest } = db.record;
    const view: JsonRecord = admin ? { ...rest, details } : rest;
    if (include === 'tables') view.tables = db.tables.map((t) => tableWithoutDb(t.record));
    if (include === 'tables.fields')
      view.tables = db.tables.map((t) => ({ ...tableWithoutDb(t.record), fields: t.fields.map((f) => f.record) }));
    return view;
  };
  const byName = [...catalog.databases].sort(
    (a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.engine.localeCompare(b.engine),
  );
  const tablesByName = [...catalog.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id));

  return [
    defineRoute('GET', '/api/database', 'user', (ctx) => {
      const include = ctx.query.get('include');
      if (include !== null && include !== 'tables') {
        return jsonReply({ errors: { include: "include must be either empty or the value 'tables'" } }, 400);
      }
      const data = byName.map((db) => dbView(db, ctx.isAdmin, include));
      if (ctx.query.get('saved') === 'true') data.push(SAVED_QUESTIONS_DB);
      return jsonReply({ data, total: data.length });
    }),
    defineRoute('GET', '/api/database/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      const db = catalog.databases[id - 1];
      return db === undefined ? NOT_FOUND() : jsonReply(dbView(db, ctx.isAdmin, ctx.query.get('include')));
    }),
    defineRoute('GET', '/api/database/:id/metadata', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      const db = catalog.databases[id - 1];
      return db === undefined ? NOT_FOUND() : jsonReply(dbView(db, ctx.isAdmin, 'tables.fields'));
    }),
    defineRoute('GET', '/api/table', 'user', () => jsonReply(tablesByName.map((t) => t.record))),
    defineRoute('GET', '/api/table/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      const table = catalog.tables[id - 1];
      return table === undefined ? NOT_FOUND() : jsonReply({ ...table.record, pk_field: table.fields[0]?.id ?? null });
    }),
    defineRoute('GET', '/api/table/:id/query_metadata', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      const table = catalog.tables[id - 1];
      return table === undefined
        ? NOT_FOUND()
        : jsonReply({
            ...table.record,
            fields: table.fields.map((f) => ({ ...f.record, target: null, dimensions: [], name_field: null })),
            fks: [],
            segments: [],
            metrics: [],
          });
    }),
    defineRoute('GET', '/api/field/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      const field = catalog.fields[id - 1];
      const table = field === undefined ? undefined : catalog.tables[field.tableId - 1];
      if (field === undefined || table === undefined) return NOT_FOUND();
      // Hydration beyond `table` (with its db) is UNVERIFIED; dimensions/name_field mirror the FE mock.
      return jsonReply({ ...field.record, table: table.record, dimensions: [], name_field: null, target: null });
    }),
  ];
}
