/**
 * Banner copy in the locales Tailor ships. Plain strings with `{n}`-style
 * slots, filled by `fill` — never HTML.
 */
import type { Locale } from '../../core/config';

/** Every string the banner shows or announces. */
export interface BannerStrings {
  region: string;
  title: string;
  body: string;
  copy: string;
  copied: string;
  copyFailed: string;
  dismiss: string;
  expiresIn: string;
  expired: string;
  announce: string;
  question: string;
  useful: string;
  notUseful: string;
  thanks: string;
}

export const STRINGS: Record<Locale, BannerStrings> = {
  en: {
    region: 'Special offer',
    title: '{tier} % off your order',
    body: 'Use this code at checkout:',
    copy: 'Copy code',
    copied: 'Copied',
    copyFailed: 'Select the code to copy it',
    dismiss: 'Dismiss offer',
    expiresIn: 'Expires in {time}',
    expired: 'This offer has expired',
    announce: 'Special offer: {tier} % off with code {code}, valid for {minutes} minutes.',
    question: 'Was this offer useful?',
    useful: 'Yes, useful',
    notUseful: 'No, not useful',
    thanks: 'Thanks for telling us.',
  },
  'zh-CN': {
    region: '专属优惠',
    title: '订单立减 {tier}%',
    body: '结账时使用此优惠码：',
    copy: '复制优惠码',
    copied: '已复制',
    copyFailed: '请选中优惠码进行复制',
    dismiss: '关闭优惠',
    expiresIn: '{time} 后过期',
    expired: '此优惠已过期',
    announce: '专属优惠：使用优惠码 {code} 立减 {tier}%，{minutes} 分钟内有效。',
    question: '这个优惠对您有用吗？',
    useful: '有用',
    notUseful: '没用',
    thanks: '感谢您的反馈。',
  },
};

/** Replaces `{key}` slots with values (as text). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/** mm:ss (or h:mm:ss) for a countdown. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
