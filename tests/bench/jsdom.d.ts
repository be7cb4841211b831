// The little of jsdom's API the audit benchmark uses (the package ships no types, and the
// unit tests reach it only through Vitest's environment).
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: { url?: string })
    readonly window: Window & typeof globalThis
  }
}
