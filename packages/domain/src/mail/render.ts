/**
 * A message is written once, as blocks, and rendered twice: plain, accessible HTML and a text part
 * that says the same (docs/mail.md#templates). Every string is escaped here, so a name with `<` in it
 * stays a name. No images, no scripts, no tracking: a heading, paragraphs, a list, one action link
 * with its address written out beside it, and small print.
 */

export type MailBlock =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  /** The message's one thing to do: a link styled as a button, its address again for copying. */
  | { readonly kind: 'action'; readonly label: string; readonly url: string; readonly copyHint: string }
  /** Why they got it, what to do if it was not for them. */
  | { readonly kind: 'small'; readonly text: string };

export interface MailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Mail clients drop stylesheets, so the few styles are inline; colours meet WCAG AA on white. */
const STYLE = {
  body: 'margin:0;padding:24px 16px;background:#ffffff;color:#1f2328;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;font-size:16px;line-height:1.5',
  main: 'max-width:600px;margin:0 auto',
  heading: 'font-size:22px;line-height:1.3;margin:0 0 16px',
  paragraph: 'margin:0 0 16px',
  list: 'margin:0 0 16px;padding-left:24px',
  button:
    'display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:underline;border-radius:6px;font-weight:600',
  small: 'margin:0 0 12px;font-size:14px;color:#57606a',
  link: 'color:#1d4ed8;word-break:break-all',
} as const;

function htmlBlock(block: MailBlock): string {
  switch (block.kind) {
    case 'heading':
      return `<h1 style="${STYLE.heading}">${escapeHtml(block.text)}</h1>`;
    case 'paragraph':
      return `<p style="${STYLE.paragraph}">${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul style="${STYLE.list}">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
    case 'action': {
      const href = escapeHtml(block.url);
      return [
        `<p style="${STYLE.paragraph}"><a href="${href}" style="${STYLE.button}">${escapeHtml(block.label)}</a></p>`,
        `<p style="${STYLE.small}">${escapeHtml(block.copyHint)}<br><a href="${href}" style="${STYLE.link}">${href}</a></p>`,
      ].join('\n');
    }
    case 'small':
      return `<p style="${STYLE.small}">${escapeHtml(block.text)}</p>`;
  }
}

function textBlock(block: MailBlock): string {
  switch (block.kind) {
    case 'heading':
      return block.text;
    case 'paragraph':
    case 'small':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'action':
      return `${block.label}:\n${block.url}`;
  }
}

/** The subject and both parts of a message, in `language` (the HTML's `lang`). */
export function renderMail(language: string, subject: string, blocks: readonly MailBlock[]): MailContent {
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title>`,
    '</head>',
    `<body style="${STYLE.body}">`,
    `<main style="${STYLE.main}">`,
    ...blocks.map(htmlBlock),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { subject, text: `${blocks.map(textBlock).join('\n\n')}\n`, html };
}
