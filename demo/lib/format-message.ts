/**
 * Fills `{name}` placeholders in a UI message. The same templates are sent to shop.js, which fills them the same
 * way, so a message is written once per language. Unknown placeholders are left visible rather than silently dropped.
 */
export function formatMessage(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
