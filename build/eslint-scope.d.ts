// The part of eslint-scope (a dev dependency; it ships no types) that classicEntry.ts uses.
declare module 'eslint-scope' {
  interface Reference {
    isWrite(): boolean
    init?: boolean
  }
  interface Variable {
    name: string
    references: Reference[]
  }
  interface Scope {
    variables: Variable[]
    childScopes: Scope[]
  }
  interface ScopeManager {
    globalScope: Scope
  }
  export function analyze(
    ast: unknown,
    options: { ecmaVersion: number; sourceType: 'module' | 'script' },
  ): ScopeManager
}
