/**
 * `npm test`: every check that needs only Node, side by side: ESLint, Prettier, the type checks
 * and the unit suite (vitest's `unit` project). Each is CPU-bound and single-threaded for long
 * stretches, so on a 2-core machine running them one after another left a core idle most of
 * the time; together they finish in about the time of the longest.
 *
 * The unit suite's output streams as it runs; each other check's output is held and printed
 * whole when it ends, under a line that names it, says how long it took and whether it passed,
 * so no two outputs interleave. The exit code is non-zero when any check failed, and the end
 * lists each check's outcome. Arguments go to vitest (`npm test -- src/policy` still lints and
 * type-checks everything, and runs only those tests).
 */
import { spawn, type ChildProcess } from 'node:child_process'

interface Check {
  name: string
  command: string
  args: string[]
  /** Stream the output as it comes (one check only, or outputs would interleave). */
  stream?: boolean
}

const checks: Check[] = [
  { name: 'lint (eslint)', command: 'npx', args: ['eslint', '.', '--max-warnings', '0'] },
  { name: 'format (prettier)', command: 'npx', args: ['prettier', '--check', '.'] },
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
  {
    name: 'unit suite',
    command: 'npx',
    args: ['vitest', 'run', '--project', 'unit', ...process.argv.slice(2)],
    stream: true,
  },
]

const running = new Set<ChildProcess>()
const started = performance.now()

function run(check: Check): Promise<{ name: string; ok: boolean; seconds: number }> {
  const start = performance.now()
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, {
      stdio: check.stream ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0'),
      },
    })
    running.add(child)
    const output: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk))
    const finish = (ok: boolean, note = '') => {
      running.delete(child)
      const seconds = Math.round((performance.now() - start) / 1000)
      if (!check.stream) {
        const text = Buffer.concat(output).toString('utf8').trimEnd()
        console.log(`\n── ${check.name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s${note}`)
        if (text !== '') console.log(text)
      }
      resolve({ name: check.name, ok, seconds })
    }
    child.on('error', (error) => {
      finish(false, ` (${error.message})`)
    })
    child.on('close', (code, signal) => {
      finish(code === 0, signal === null ? '' : ` (ended by ${signal})`)
    })
  })
}

// An interrupted `npm test` takes its checks with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    for (const child of running) child.kill(signal)
    process.exit(130)
  })

const outcomes = await Promise.all(checks.map(run))
console.log(`\n── npm test: ${Math.round((performance.now() - started) / 1000)} s`)
for (const outcome of outcomes)
  console.log(`   ${outcome.ok ? 'passed' : 'FAILED'}  ${outcome.name} (${outcome.seconds} s)`)
process.exitCode = outcomes.every((outcome) => outcome.ok) ? 0 : 1
