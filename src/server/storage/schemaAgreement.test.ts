/**
 * The Kysely types (schema.ts) and the database the migrations leave agree: the same tables,
 * the same columns, each nullable in both or in neither, text as string and integer as number.
 * The types are read with the TypeScript compiler, so nothing is listed twice here. Run on
 * SQLite always and on PostgreSQL when DATABASE_URL is set.
 */
import { resolve } from 'node:path'
import { sql } from 'kysely'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import {
  BACKENDS,
  createSchema,
  DATABASE_URL,
  dropSchema,
} from '../../../tests/support/testServer.ts'
import { openDatabase, type OpenedDatabase } from './openDatabase.ts'

/** table → column → "string" | "number", with "| null" when nullable. */
type Shape = Record<string, Record<string, string>>

let typed: Shape | undefined

/** Read once: building a program takes seconds on a busy machine. */
function typedShape(): Shape {
  typed ??= readTypedShape()
  return typed
}

function readTypedShape(): Shape {
  const file = resolve(import.meta.dirname, 'schema.ts')
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)!
  const database = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Database',
  )!
  const shape: Shape = {}
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const columns: Record<string, string> = {}
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      // A Kysely ColumnType<Select, Insert, Update> is compared by what a select returns.
      const declared = checker.getTypeOfSymbol(column)
      const selected = declared.getProperty('__select__')
      const type = selected === undefined ? declared : checker.getTypeOfSymbol(selected)
      const parts = type.isUnion() ? type.types : [type]
      const nullable = parts.some((t) => (t.flags & ts.TypeFlags.Null) !== 0)
      const base = parts.filter((t) => (t.flags & ts.TypeFlags.Null) === 0)
      const kind = base.every((t) => (t.flags & ts.TypeFlags.NumberLike) !== 0)
        ? 'number'
        : base.every((t) => (t.flags & ts.TypeFlags.StringLike) !== 0)
          ? 'string'
          : checker.typeToString(type)
      columns[column.name] = nullable ? `${kind} | null` : kind
    }
    shape[table.name] = columns
  }
  return shape
}

function kindOf(dataType: string): string {
  const t = dataType.toLowerCase()
  if (t === 'text') return 'string'
  if (t === 'integer' || t === 'int4' || t === 'int8') return 'number'
  return t
}

async function migratedShape(opened: OpenedDatabase, pgSchema: string | null): Promise<Shape> {
  const tables = await opened.db.introspection.getTables()
  const shape: Shape = {}
  for (const table of tables) {
    if (pgSchema !== null && table.schema !== pgSchema) continue
    const primaryKey = await primaryKeyColumns(opened, table.name)
    const columns: Record<string, string> = {}
    for (const column of table.columns) {
      // SQLite lets a text primary key hold NULL unless it says NOT NULL; PostgreSQL never
      // does, and the code never writes one, so a key column counts as not null.
      const nullable = column.isNullable && !primaryKey.has(column.name)
      const kind = kindOf(column.dataType)
      columns[column.name] = nullable ? `${kind} | null` : kind
    }
    shape[table.name] = columns
  }
  return shape
}

async function primaryKeyColumns(opened: OpenedDatabase, table: string): Promise<Set<string>> {
  if (opened.backend !== 'sqlite') return new Set()
  const rows = await sql<{
    name: string
    pk: number
  }>`select name, pk from pragma_table_info(${table})`.execute(opened.db)
  return new Set(rows.rows.filter((r) => r.pk > 0).map((r) => r.name))
}

describe.each(BACKENDS)('schema.ts and the migrated database on $backend', ({ backend, skip }) => {
  it.skipIf(skip)(
    'have the same tables, columns, types and nullability',
    { timeout: 60_000 },
    async () => {
      const pgSchema = backend === 'postgres' ? await createSchema() : null
      const opened = await openDatabase(
        pgSchema === null
          ? { kind: 'sqlite', file: ':memory:' }
          : { kind: 'postgres', url: DATABASE_URL, schema: pgSchema },
      )
      try {
        expect(await migratedShape(opened, pgSchema)).toEqual(typedShape())
      } finally {
        await opened.close()
        if (pgSchema !== null) await dropSchema(pgSchema)
      }
    },
  )
})
