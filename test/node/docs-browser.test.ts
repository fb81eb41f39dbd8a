/**
 * /docs in a real browser with the network limited to this Worker: Chromium from the machine's
 * packages (Debian's `chromium`, which .ci/run installs), driven by puppeteer-core, which never
 * downloads a browser. Any request to another host is refused and counted, as are failed requests
 * and console errors: the page must render the reference from this Worker alone.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import puppeteer, { type Browser } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWorker, type RunningWorker } from './worker.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

let worker: RunningWorker
let browser: Browser
const profile = mkdtempSync(path.join(tmpdir(), 'chromium-profile-'))

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  // The docs need only the OpenAPI document: no demo content.
  worker = await startWorker({ seed: false })
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox', // CI runs as root
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await worker?.stop()
  rmSync(profile, { recursive: true, force: true })
})

describe('the docs page', () => {
  it('renders the reference from this Worker alone: no other host, no failed request, no console error', { timeout: 90_000 }, async () => {
    const page = await browser.newPage()
    const origin = new URL(worker.url).origin
    const elsewhere: string[] = []
    const failed: string[] = []
    const consoleErrors: string[] = []
    const served: string[] = []
    await page.setRequestInterception(true)
    page.on('request', (request) => {
      const url = request.url()
      if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) {
        served.push(url)
        return void request.continue()
      }
      elsewhere.push(url)
      void request.abort('blockedbyclient')
    })
    page.on('requestfailed', (request) => {
      if (!elsewhere.includes(request.url())) failed.push(`${request.url()}: ${request.failure()?.errorText}`)
    })
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.url()}: ${response.status()}`)
    })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(String(error)))

    await page.goto(`${worker.url}/docs`, { waitUntil: 'networkidle0', timeout: 60_000 })
    // An operation's title, rendered from /openapi.json.
    await page.waitForFunction(`document.body.innerText.includes('List published articles')`, { timeout: 30_000 })

    expect(elsewhere, 'requests to other hosts').toEqual([])
    expect(failed, 'failed requests').toEqual([])
    expect(consoleErrors, 'console errors').toEqual([])
    expect(served.some((url) => url.endsWith('/openapi.json'))).toBe(true)
    expect(served.some((url) => url.includes('/docs/assets/standalone.esm.js'))).toBe(true)
    await page.close()
  })
})
