/** The settings every request needs (src/settings.ts), as in wrangler.toml: for calling the app in Node. */
export const vars = {
  SITE_URL: 'https://www.example-daily.eu',
  API_URL: 'https://api.example-daily.eu',
  PUBLICATION_NAME: 'The European Daily',
  CONSENT_WORDING_VERSION: '2026-11-01',
  MAIL_FROM: 'newsletter@example-daily.eu',
  MAIL_TRANSPORT: 'outbox',
}
