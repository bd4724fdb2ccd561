/** A <script> element found in a page: its attribute text and its content. */
export interface ScriptTag {
  readonly attrs: string;
  readonly body: string;
}

/** All <script> elements in a server-rendered page (our pages never nest or comment out scripts). */
export function scriptTags(page: string): ScriptTag[] {
  return [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({
    attrs: m[1] ?? '',
    body: m[2] ?? '',
  }));
}

/** The value of one attribute in an attribute string, unescaped for &amp; and &quot; only (enough for URLs). */
export function attr(attrs: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Every href="..." in a page. */
export function hrefs(page: string): string[] {
  return [...page.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1] ?? '');
}
