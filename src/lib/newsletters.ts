/**
 * The newsletters a reader can sign up for, from the NEWSLETTERS setting: comma-separated
 * `id:Display name` pairs ("daily:The daily briefing,breaking:Breaking news"), the first being
 * the default. A plain id ("daily,breaking", as before names existed) is its own name. Ids are
 * what forms, apps, tokens and the database use; names are what readers read.
 */

export interface Newsletter {
  id: string
  name: string
}

export type Newsletters = readonly [Newsletter, ...Newsletter[]]

/**
 * The newsletters of a setting, in its order; `daily` when the setting names none. Parsed once,
 * with the other settings (src/settings.ts): code takes the list from there.
 */
export function newslettersOf(setting: string): Newsletters {
  const entries = setting
    .split(',')
    .map((entry) => {
      const colon = entry.indexOf(':')
      const id = (colon === -1 ? entry : entry.slice(0, colon)).trim()
      const name = colon === -1 ? '' : entry.slice(colon + 1).trim()
      return { id, name: name || id }
    })
    .filter((newsletter) => newsletter.id !== '')
  return entries.length > 0 ? (entries as [Newsletter, ...Newsletter[]]) : [{ id: 'daily', name: 'daily' }]
}

/** The newsletters' ids, the default first. */
export function newsletterIds(newsletters: Newsletters): [string, ...string[]] {
  return newsletters.map((newsletter) => newsletter.id) as [string, ...string[]]
}

/** What readers are told they get: "The daily briefing, Breaking news". Unknown ids stay as they are. */
export function newsletterNames(newsletters: Newsletters, ids: string[]): string {
  const names = new Map(newsletters.map((newsletter) => [newsletter.id, newsletter.name]))
  return ids.map((id) => names.get(id) ?? id).join(', ')
}
