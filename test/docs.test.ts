import { describe, expect, it } from 'vitest'
import { get } from './helpers.ts'

describe('documentation', () => {
  it('serves the OpenAPI document from the Worker', async () => {
    const res = await get('/openapi.json')
    expect(res.status).toBe(200)
    const doc: any = await res.json()
    expect(doc.info.title).toBe('The European Daily content API')
    expect(doc.servers[0].url).toBe('http://localhost:8787')
  })

  it('serves interactive docs that load that document', async () => {
    const res = await get('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('/openapi.json')
  })
})
