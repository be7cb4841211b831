import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { classicScriptOf, FIRST_EXPORTS, reExportModule } from './classicEntry.ts'

const fileName = 'assets/index-abc.js'

/** Runs a classic script as a page would, with `document.currentScript` set to its tag. */
function run(code: string): Record<string, unknown> {
  const page: Record<string, unknown> = {
    document: { currentScript: { src: 'https://tablet.example/assets/first-x.js' } },
    URL,
  }
  page.globalThis = page
  runInNewContext(code, page)
  return page
}

describe('classicScriptOf', () => {
  it('runs the module code as a strict classic script that leaves its exports on globalThis', () => {
    const { code, exported } = classicScriptOf({
      fileName,
      code:
        'const e=1;function t(){return this===undefined}var n=class{};' +
        'const r=new URL(`./x.js`,import.meta.url).href;' +
        'export{e as a,t as b,n as c,r as d};\n//# sourceMappingURL=index-abc.js.map\n',
    })
    expect(exported).toEqual(['a', 'b', 'c', 'd'])
    const page = run(code)
    const first = page[FIRST_EXPORTS] as Record<string, unknown>
    expect(first.a).toBe(1)
    const plainCall = first.b as () => boolean
    expect(plainCall()).toBe(true) // strict: no `this` in a plain call
    expect(first.d).toBe('https://tablet.example/assets/x.js')
    // Its top-level names stay its own: none becomes a global of the page.
    expect(Object.keys(page).sort()).toEqual(
      ['URL', 'document', FIRST_EXPORTS, 'globalThis'].sort(),
    )
    expect(code).not.toMatch(/sourceMappingURL|import\.meta/)
  })

  it('keeps every position of the code: the wrapper adds one line and import.meta keeps its length', () => {
    const source = 'const a=import.meta.url;const b=2;export{b as c};'
    const { code } = classicScriptOf({ fileName, code: source })
    const [, body] = code.split('\n')
    expect(body!.indexOf('const b=2')).toBe(source.indexOf('const b=2'))
  })

  it('refuses an exported binding written after its declaration: a copy of it would go stale', () => {
    expect(() =>
      classicScriptOf({ fileName, code: 'let e=1;function t(){e=2}export{e as a,t as b};' }),
    ).toThrow(/exports "e", which is assigned after its declaration/)
    expect(() =>
      classicScriptOf({ fileName, code: 'var e;function t(){e=2}t();export{e as a};' }),
    ).toThrow(/exports "e"/)
  })

  it('refuses a chunk with static imports or more than one export list', () => {
    expect(() =>
      classicScriptOf({ fileName, code: 'import{a as e}from"./zod.js";export{e as a};' }),
    ).toThrow(/ImportDeclaration/)
    expect(() => classicScriptOf({ fileName, code: 'export const e=1;' })).toThrow(
      /exports a declaration/,
    )
    expect(() => classicScriptOf({ fileName, code: 'const e=1;' })).toThrow(/0 export lists/)
  })
})

describe('reExportModule', () => {
  it('gives the chunks loaded on demand the classic script’s exports by name', async () => {
    const module = reExportModule(['a', 'b'])
    ;(globalThis as Record<string, unknown>)[FIRST_EXPORTS] = { a: 1, b: 'two' }
    try {
      const url = `data:text/javascript,${encodeURIComponent(module)}`
      const loaded = (await import(/* @vite-ignore */ url)) as Record<string, unknown>
      expect({ a: loaded.a, b: loaded.b }).toEqual({ a: 1, b: 'two' })
    } finally {
      Reflect.deleteProperty(globalThis, FIRST_EXPORTS)
    }
  })
})
