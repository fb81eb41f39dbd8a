import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

/**
 * Small, accessible HTML pages for readers who arrive from a form post or an e-mail link, with
 * JavaScript on or off. hono/html escapes every interpolated value.
 */
export function page(options: { title: string; lang?: string; body: HtmlEscapedString | Promise<HtmlEscapedString>; script?: string }) {
  return html`<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.3rem;background:#0b4f8a;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}</style>
</head>
<body>
<main>
<h1>${options.title}</h1>
${options.body}
</main>
${options.script ? raw(`<script>${options.script}</script>`) : ''}
</body>
</html>`
}

/** A page whose one button POSTs to `action`: links in e-mails must not change anything by GET. */
export function actionPage(options: { title: string; text: string; action: string; button: string; autoSubmit?: boolean }) {
  return page({
    title: options.title,
    body: html`<p>${options.text}</p>
<form method="post" action="${options.action}" id="action"><button type="submit">${options.button}</button></form>`,
    // Mail scanners open links but do not run scripts; people's browsers do.
    script: options.autoSubmit ? "document.getElementById('action').requestSubmit()" : undefined,
  })
}

export function messagePage(title: string, text: string, link?: { href: string; label: string }) {
  return page({
    title,
    body: html`<p>${text}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`,
  })
}
