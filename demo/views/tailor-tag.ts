import { html } from '../lib/html';
import type { SafeHtml } from '../lib/html';
import type { PageContext } from './page-context';

/**
 * The one and only thing the merchant adds for Tailor: an async script tag pointing at Tailor's origin.
 * Extra attributes (tagAttributes) follow the standard ones, each escaped like any other value.
 */
export function tailorTag(ctx: PageContext): SafeHtml {
  const { config } = ctx;
  const extra = config.tagAttributes.map(([name, value]) => html` ${name}="${value}"`);
  return html`<script async src="${config.tailorScriptUrl}" data-site="${config.site}" data-endpoint="${
    config.endpoint
  }" data-locale="${ctx.locale}"${extra}></script>`;
}
