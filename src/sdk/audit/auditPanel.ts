/**
 * Placeholder so the lazy import resolves while the audit panel is written.
 */
import type { Locale } from '../../core/config';
import type { Logger } from '../../core/logger';
import type { TailorApi } from '../tailor';

/** Options of {@link openAuditPanel}. */
export interface AuditPanelOptions {
  api: TailorApi;
  locale: Locale;
  log: Logger;
}

/** Opens the audit panel. */
export function openAuditPanel(_opts: AuditPanelOptions): void {
  throw new Error('audit panel not built yet');
}
