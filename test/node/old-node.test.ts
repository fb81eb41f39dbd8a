import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from './worker.ts'

/**
 * The README's `npm start` on a machine whose Node is 20: the `node` package from the npm
 * registry first on PATH, as on a fresh CI image. scripts/with-node.mjs must bring the newer
 * Node, the server must come up, and the process serving it must be that newer Node.
 */

const root = path.join(import.meta.dirname, '../..')
const cache = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'newsroom-api')

/** The `node@20` package, installed once into the user's cache: the bin directory holding its `node`. */
async function oldNodeBin(): Promise<string> {
  const dir = path.join(cache, `test-node-20-${process.platform}-${process.arch}`)
  const bin = path.join(dir, 'node_modules', '.bin')
  if (existsSync(path.join(bin, 'node'))) return bin
  const tmp = `${dir}.tmp-${process.pid}`
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  const args = ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', 'node@20']
  const npm = spawnSync('npm', args, { cwd: tmp, encoding: 'utf8' })
  expect(npm.status, npm.stderr).toBe(0)
  await rename(tmp, dir).catch(() => rm(tmp, { recursive: true, force: true })) // another run won: use its copy
  return bin
}

/** A copy of the project (node_modules linked) so that the test's local D1 is not the developer's. */
async function projectCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-old-node-'))
  const skipped = new Set(['node_modules', '.wrangler', '.git', '.dev.vars', 'test-results'])
  for (const name of ['.state', '.build', 'results']) skipped.add(path.join('bench', name))
  await cp(root, dir, { recursive: true, filter: (src) => !skipped.has(path.relative(root, src)) })
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
  return dir
}

async function health(port: number): Promise<number | undefined> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status
  } catch {
    return undefined
  }
}

/** The processes of a process group, as `ps` lists them (Linux and macOS alike). */
function processGroup(pgid: number): string[] {
  const ps = spawnSync('ps', ['-eo', 'pgid=,args='], { encoding: 'utf8' })
  return ps.stdout
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(.*)$/))
    .filter((match) => match !== null && Number(match[1]) === pgid)
    .map((match) => match![2]!)
}

/** Ends the whole process group (npm, the launcher, wrangler, workerd), SIGKILL if SIGTERM is not enough. */
async function stop(child: ChildProcess) {
  // A negative pid signals the whole group; false once no process of it is left.
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      return process.kill(-child.pid!, name)
    } catch {
      return false
    }
  }
  signal('SIGTERM')
  for (let i = 0; i < 50 && signal(0); i++) await sleep(100)
  signal('SIGKILL')
}

describe.skipIf(!['linux', 'darwin'].includes(process.platform))('npm start on Node 20', () => {
  let project: string
  let oldBin: string
  let env: NodeJS.ProcessEnv
  let server: ChildProcess | undefined
  let output = ''

  beforeAll(async () => {
    ;[oldBin, project] = await Promise.all([oldNodeBin(), projectCopy()])
    env = { ...process.env, PATH: `${oldBin}${path.delimiter}${process.env.PATH}`, WRANGLER_SEND_METRICS: 'false' }
  }, 120_000)

  afterAll(async () => {
    if (server) await stop(server)
    if (project) await rm(project, { recursive: true, force: true })
  }, 30_000)

  it('has Node 20 first on PATH, which cannot run the start script itself', () => {
    expect(spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout).toMatch(/^v20\./)
    const direct = spawnSync('node', ['scripts/start.ts'], { cwd: project, env, encoding: 'utf8' })
    expect(direct.status).not.toBe(0)
    expect(direct.stderr).toContain('ERR_UNKNOWN_FILE_EXTENSION')
  })

  it('serves /health, run by a newer Node that the launcher fetched', async () => {
    const port = await freePort()
    // detached: its own process group, so that stop() ends wrangler and workerd with it.
    server = spawn('npm', ['start'], { cwd: project, env: { ...env, PORT: String(port) }, detached: true })
    server.stdout!.on('data', (chunk) => (output += chunk))
    server.stderr!.on('data', (chunk) => (output += chunk))

    let status: number | undefined
    for (let i = 0; i < 240 && status !== 200 && server.exitCode === null; i++) {
      await sleep(500)
      status = await health(port)
    }
    expect(status, output).toBe(200)

    const announced = output.match(/with-node: Node (v20\.\S+) cannot run .*: running with Node (v\S+) from (.+)\.\n/)
    expect(announced, output).not.toBeNull()

    // Not only what the launcher says: the process running wrangler is a Node >= 22.12.
    const wrangler = processGroup(server.pid!).find((args) => args.includes('wrangler-dist/cli.js'))
    expect(wrangler, processGroup(server.pid!).join('\n')).toBeDefined()
    const executable = wrangler!.split(' ')[0]!
    expect(executable.startsWith(announced![3]!)).toBe(true)
    const version = spawnSync(executable, ['--version'], { encoding: 'utf8' }).stdout.trim()
    expect(version).toBe(announced![2])
    const [major, minor] = version.slice(1).split('.').map(Number) as [number, number]
    expect(major > 22 || (major === 22 && minor >= 12)).toBe(true)
  }, 180_000)
})
