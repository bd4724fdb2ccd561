import { escapeHtml } from './escape-html';
import { SafeHtml } from './html';

// In a <script> data block the HTML parser only looks for "</script" and "<!--"; escaping every "<" (plus the JS line
// separators that some parsers of the JSON choke on) keeps any string value from ending the block early, while the
// content stays valid JSON because "\u003c" is an ordinary JSON string escape.
const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

function escapeForScript(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Renders a non-executable `<script type="...">` data block (JSON-LD, page data). Browsers never execute these
 * types, so they are allowed under a CSP without 'unsafe-inline'.
 */
export function jsonScript(type: 'application/ld+json' | 'application/json', data: unknown, id?: string): SafeHtml {
  const json = JSON.stringify(data);
  if (json === undefined) {
    throw new TypeError("'data' passed to 'jsonScript' must be JSON-serialisable (got undefined or a function)");
  }
  const idAttr = id === undefined ? '' : ` id="${escapeHtml(id)}"`;
  return new SafeHtml(`<script type="${type}"${idAttr}>${json.replace(UNSAFE_IN_SCRIPT, escapeForScript)}</script>`);
}
