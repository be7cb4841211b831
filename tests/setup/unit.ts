// Every unit test gets a real IndexedDB implementation (fake-indexeddb) in place of the
// browser's, so Dexie code runs unmocked under Node.
import 'fake-indexeddb/auto'
