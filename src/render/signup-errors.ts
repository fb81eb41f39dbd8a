import type { FieldError } from '../errors.ts'

/**
 * What a reader whose sign-up failed is told on the error page: what to fix, in plain words, one
 * sentence per thing to fix and each said once. Programs get the field names (the problem's
 * `errors`, or `fields` on the redirect); people get sentences.
 */

// One sentence per form field a reader can fix themselves.
const FIXES: Record<string, (newsletters: string) => string> = {
  email: () => 'Enter your e-mail address in full, like name@example.org.',
  consent: () => 'Tick the box to agree to receive the e-mails.',
  newsletters: (newsletters) => `Choose from our newsletters: ${newsletters}.`,
  name: () => 'Shorten your name to 100 characters or fewer.',
}

// Anything else is the page's fault, not the reader's: the form is out of date or broken.
const RELOAD = 'Something in the form on that page is out of date. Reload the page and try again.'

const BY_STATUS: Record<number, string> = {
  413: RELOAD,
  415: RELOAD,
  429: 'You have tried several times in a short while. Wait a minute, then try again.',
  503: 'Sign-ups are briefly unavailable, and nothing was stored. Try again in a minute.',
}

/** The sentences for a failed sign-up; `newsletters` names the newsletters a reader can choose. */
export function signupAdvice(status: number, errors: FieldError[] | undefined, newsletters: string): string[] {
  if (status === 403) {
    return errors?.some((error) => error.field === 'cf-turnstile-response')
      ? ['We could not check that you are not a robot. Reload the page and try again.']
      : ['This form was sent from a page we do not know. Sign up from our own website.']
  }
  if (BY_STATUS[status]) return [BY_STATUS[status]]
  const fields = (errors ?? []).map((error) => error.field.split('.')[0]!)
  const sentences = fields.map((field) => FIXES[field]?.(newsletters) ?? RELOAD)
  return sentences.length > 0 ? [...new Set(sentences)] : [RELOAD]
}
