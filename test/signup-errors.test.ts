import { describe, expect, it } from 'vitest'
import { call } from './helpers.ts'

// What a reader sees when a newsletter form fails, on the API's own error page or back on the page
// the form came from.

let ip = 0
function post(fields: Record<string, string | string[]>, headers: Record<string, string> = {}, from = `192.0.2.${++ip}`) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return call('/v1/subscriptions', {
    method: 'POST',
    body,
    // Browsers send the form's Origin (and forms from unknown pages are refused: subscriptions.test.ts).
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': from, origin: 'http://localhost:3000', ...headers },
  })
}

/** The page's sentence and its link back, as a reader reads them. */
async function readPage(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^text\/html/)
  const html = await res.text()
  const text = html.match(/<p>([^<]*)<\/p>/)![1]!
  const back = html.match(/<a href="([^"]*)">Back to the form<\/a>/)?.[1]
  return { text, back, html }
}

const count = (text: string, part: string) => text.split(part).length - 1

describe('the sign-up error page', () => {
  it('says once and in plain words what to fix, without field names or validator jargon', async () => {
    const res = await post({ email: 'not-an-address' })
    expect(res.status).toBe(400)
    const { text } = await readPage(res)
    expect(text).toBe('Enter your e-mail address in full, like name@example.org. Tick the box to agree to receive the e-mails.')
  })

  it('names the newsletters a reader can choose, once however many were wrong', async () => {
    const { text } = await readPage(await post({ email: 'a@example.org', consent: 'on', newsletters: ['gossip', 'sport', 'daily'] }))
    expect(count(text, 'Choose from our newsletters: The daily briefing, Breaking news.')).toBe(1)
    expect(text).not.toMatch(/gossip|newsletters\.\d/)
  })

  it('tells a reader to reload a page whose form is out of date', async () => {
    const { text } = await readPage(await post({ email: 'a@example.org', consent: 'on', colour: 'blue' }))
    expect(text).toBe('Something in the form on that page is out of date. Reload the page and try again.')
  })

  it('links back to the page the form was on, or else to the newspaper', async () => {
    const from = await readPage(await post({ email: 'x' }, { referer: 'http://localhost:3000/politics/story' }))
    expect(from.back).toBe('http://localhost:3000/politics/story')
    const foreign = await readPage(await post({ email: 'x' }, { referer: 'https://evil.example/page' }))
    expect(foreign.back).toBe('https://www.example-daily.eu')
    const none = await readPage(await post({ email: 'x' }))
    expect(none.back).toBe('https://www.example-daily.eu')
  })

  it('explains a refused origin, and links to the newspaper', async () => {
    const res = await post(
      { email: 'a@example.org', consent: 'on', return_to: 'http://localhost:3000/x' },
      { origin: 'https://evil.example' },
    )
    expect(res.status).toBe(403)
    const { text, back } = await readPage(res)
    expect(text).toBe('This form was sent from a page we do not know. Sign up from our own website.')
    expect(back).toBe('https://www.example-daily.eu')
  })
})

describe('a rate-limited form post', () => {
  it('goes back to an allowed return_to with subscription=error&status=429, or explains on a page', async () => {
    const from = '192.0.2.250'
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push((await post({ email: `r${i}@example.org`, consent: 'on', return_to: 'http://localhost:3000/signup' }, {}, from)).status)
    expect(statuses).toEqual([303, 303, 303, 303, 303])
    // 5 a minute in fixed windows: posts that straddle the turn of a window need up to twice that
    // before one is refused.
    let limited = await post({ email: 'again@example.org', consent: 'on', return_to: 'http://localhost:3000/signup?ref=home' }, {}, from)
    for (let i = 0; i < 6 && limited.headers.get('retry-after') === null; i++) {
      limited = await post({ email: 'again@example.org', consent: 'on', return_to: 'http://localhost:3000/signup?ref=home' }, {}, from)
    }
    expect(limited.status).toBe(303)
    expect(limited.headers.get('retry-after')).toBe('60')
    const location = new URL(limited.headers.get('location')!)
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:3000/signup')
    expect(Object.fromEntries(location.searchParams)).toEqual({ ref: 'home', subscription: 'error', status: '429' })

    const page = await post({ email: 'again@example.org', consent: 'on' }, {}, from)
    expect(page.status).toBe(429)
    expect((await readPage(page)).text).toBe('You have tried several times in a short while. Wait a minute, then try again.')
  })
})
