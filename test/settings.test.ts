import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SettingsError, settingsOf } from '../src/settings.ts'
import { call } from './helpers.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the settings', () => {
  it("are wrangler.toml's vars and the secrets, parsed: one object per environment", () => {
    const settings = settingsOf(env)
    expect(settings).toMatchObject({
      site: { url: 'https://www.example-daily.eu', name: 'The European Daily', apiUrl: 'http://localhost:8787' },
      newsletters: [
        { id: 'daily', name: 'The daily briefing' },
        { id: 'breaking', name: 'Breaking news' },
      ],
      consentWordingVersion: '2026-11-01',
      thankYouUrl: null,
      mailTransport: 'outbox',
      websubHub: null,
      adminToken: 'bootstrap-admin-token-for-tests',
      turnstileSecret: undefined,
      webhookDev: false,
    })
    expect([...settings.allowedOrigins]).toEqual(['http://localhost:8787', 'http://localhost:3000', 'https://www.example-daily.eu'])
    expect(settingsOf(env)).toBe(settings)
  })

  it('take API_URL without its trailing slash, and an empty secret as none', () => {
    const settings = settingsOf({ ...env, API_URL: 'https://api.example-daily.eu//', TURNSTILE_SECRET: '' } as Env)
    expect(settings.site.apiUrl).toBe('https://api.example-daily.eu')
    expect(settings.turnstileSecret).toBeUndefined()
  })

  it.each([
    ['API_URL', 'api.example-daily.eu'],
    ['SITE_URL', ''],
    ['MAIL_TRANSPORT', 'smtp'],
    ['WEBSUB_HUB_URL', 'hub.example.org/publish'],
  ])('refuse %s = %j, naming the setting and not its value', (name, value) => {
    const error = (() => {
      try {
        settingsOf({ ...env, [name]: value } as Env)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(SettingsError)
    expect((error as Error).message).toContain(name)
    if (value) expect((error as Error).message).not.toContain(value)
  })

  it('that cannot be right make the Worker answer 500 and log which, rather than answer with them', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const res = await call('/health', {}, { MAIL_TRANSPORT: 'smtp' })
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const line = JSON.parse(String(logged.mock.calls[0]![0]))
    expect(line).toMatchObject({ message: 'unhandled error', error: 'SettingsError' })
    expect(line.error_message).toContain('MAIL_TRANSPORT')
  })
})
