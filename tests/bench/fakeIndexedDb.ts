// Installs fake-indexeddb on globalThis when imported (for auditBench's dynamic import).
import 'fake-indexeddb/auto'
