import { app } from './src/app.ts'
const vars = { SITE_URL: 'https://www.example-daily.eu', API_URL: 'https://api.example-daily.eu', PUBLICATION_NAME: 'The European Daily' }
const res = await app.request('https://api.example-daily.eu/openapi.json', {}, vars)
process.stdout.write(await res.text())
