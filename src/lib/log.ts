/**
 * Structured logs: one JSON object a line, which Workers Logs indexes field by field.
 * Never pass personal data (e-mail addresses, IPs, tokens) in `fields`.
 */
export function log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields })
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}
