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

const parsed = new Map<string, [Newsletter, ...Newsletter[]]>()

/** The newsletters of a setting, in its order; `daily` when the setting names none. */
export function newslettersOf(setting: string): [Newsletter, ...Newsletter[]] {
  let list = parsed.get(setting)
  if (!list) {
    const entries = setting
      .split(',')
      .map((entry) => {
        const colon = entry.indexOf(':')
        const id = (colon === -1 ? entry : entry.slice(0, colon)).trim()
        const name = colon === -1 ? '' : entry.slice(colon + 1).trim()
        return { id, name: name || id }
      })
      .filter((newsletter) => newsletter.id !== '')
    list = entries.length > 0 ? (entries as [Newsletter, ...Newsletter[]]) : [{ id: 'daily', name: 'daily' }]
    parsed.set(setting, list)
  }
  return list
}

/** The ids of a setting's newsletters, the default first. */
export function newsletterIds(setting: string): [string, ...string[]] {
  return newslettersOf(setting).map((newsletter) => newsletter.id) as [string, ...string[]]
}

/** What readers are told they get: "The daily briefing, Breaking news". Unknown ids stay as they are. */
export function newsletterNames(setting: string, ids: string[]): string {
  const names = new Map(newslettersOf(setting).map((newsletter) => [newsletter.id, newsletter.name]))
  return ids.map((id) => names.get(id) ?? id).join(', ')
}
