/**
 * Audit panel copy in the locales Tailor ships. Plain strings with `{n}`-style slots, filled by `fill` (never
 * HTML). The panel speaks to the shopper: short sentences, no jargon beyond what the numbers need.
 */
import type { Locale } from '../../core/config';

/** Every string the audit panel shows. */
export interface AuditStrings {
  title: string;
  intro: string;
  loading: string;
  unavailable: string;
  consentHeading: string;
  consentCaption: string;
  useCol: string;
  store: string;
  personalise: string;
  sync: string;
  allowed: string;
  notAllowed: string;
  reasons: string;
  storedHeading: string;
  where: string;
  whereKinds: Record<'indexeddb' | 'memory' | 'none', string>;
  /** Why events are in memory only ({reason}), and what that costs: carried to the next page, or lost with this one. */
  memoryWhy: string;
  carriedIn: string;
  notCarried: string;
  /** Tailor could not start on this page ({reason}): shown instead of the data. */
  notStarted: string;
  size: string;
  countsCaption: string;
  kindCol: string;
  countCol: string;
  counts: Record<'events' | 'sessions' | 'decisions' | 'outbox' | 'outbound', string>;
  eventsCaption: string;
  timeCol: string;
  eventCol: string;
  pageCol: string;
  noEvents: string;
  featuresHeading: string;
  featuresIntro: string;
  featuresCaption: string;
  featureCol: string;
  valueCol: string;
  modelInputCol: string;
  missing: string;
  noFeatures: string;
  botNotice: string;
  cartHeading: string;
  cartIntro: string;
  cartCaption: string;
  cartEmpty: string;
  cartValue: string;
  productCol: string;
  quantityCol: string;
  priceCol: string;
  cartSkipped: string;
  offerHeading: string;
  noDecision: string;
  offerTier: string;
  noOffer: string;
  offerKind: string;
  kinds: Record<string, string>;
  offerReason: string;
  sentHeading: string;
  sentCaption: string;
  requestCol: string;
  statusCol: string;
  bodyCol: string;
  noBody: string;
  showBody: string;
  failed: string;
  nothingSent: string;
  budgetHeading: string;
  budgetUnused: string;
  budgetSpent: string;
  budgetToday: string;
  budgetPerReport: string;
  budgetExplain: string;
  download: string;
  downloaded: string;
  delete: string;
  confirmText: string;
  confirmYes: string;
  confirmNo: string;
  deleted: string;
  failedAction: string;
  close: string;
}

/** The strings by locale. */
export const AUDIT_STRINGS: Record<Locale, AuditStrings> = {
  en: {
    title: 'Your data and Tailor',
    intro: "Tailor chooses this shop's offers on your device. This is everything it keeps here and everything it has sent.",
    loading: 'Loading…',
    unavailable: 'Tailor could not read its data on this page.',
    consentHeading: 'Your choices',
    consentCaption: 'What Tailor may do',
    useCol: 'Use',
    store: 'Keep browsing history on this device',
    personalise: 'Use it to choose offers',
    sync: 'Send anonymous, noised statistics',
    allowed: 'Allowed',
    notAllowed: 'Not allowed',
    reasons: 'Why:',
    storedHeading: 'What is stored',
    where: 'Kept in: {where}.',
    whereKinds: { indexeddb: 'this browser (IndexedDB)', memory: 'memory only, until the page closes', none: 'nowhere yet' },
    memoryWhy: 'IndexedDB cannot be used here ({reason}).',
    carriedIn: 'The newest {max} events go with you from page to page in {area} (now {n}); older ones are dropped.',
    notCarried: 'No other storage works on this page either, so these events are lost when you leave it.',
    notStarted: 'Tailor could not start on this page ({reason}), so it records nothing here.',
    size: 'About {kb} KB of events.',
    countsCaption: 'Records kept on this device',
    kindCol: 'Kind',
    countCol: 'Count',
    counts: { events: 'Events', sessions: 'Visits', decisions: 'Offer decisions', outbox: 'Reports waiting to be sent', outbound: 'Requests sent' },
    eventsCaption: 'The {n} most recent events',
    timeCol: 'Time',
    eventCol: 'Event',
    pageCol: 'Page type',
    noEvents: 'No events are stored.',
    featuresHeading: 'What Tailor worked out from your visits',
    featuresIntro: 'Computed on this device from the events above, and never sent. The model sees the right-hand column: each value scaled by statistics from its training data.',
    featuresCaption: '{n} features of this visit and your earlier ones',
    featureCol: 'Feature',
    valueCol: 'Value',
    modelInputCol: 'Model input',
    missing: 'none yet',
    noFeatures: 'Nothing has been computed yet.',
    botNotice: 'This visit looks automated ({reasons}), so Tailor will not make it an offer.',
    cartHeading: 'Your cart, as Tailor knows it',
    cartIntro: 'Read from this shop\'s pages on this device and never sent. An offer is worked out on this value.',
    cartCaption: '{n} lines in your cart',
    cartEmpty: 'Your cart is empty, as far as this device knows.',
    cartValue: 'Cart value: {value}',
    productCol: 'Product',
    quantityCol: 'Quantity',
    priceCol: 'Unit price',
    cartSkipped: 'On this page, {items} cart items could not be read and were skipped; {reads} reads of the shop\'s cart failed.',
    offerHeading: 'The last offer decision, and why',
    noDecision: 'No offer has been decided yet.',
    offerTier: 'Offer: {tier} % off',
    noOffer: 'Offer: none',
    offerKind: 'Decided by: {kind}',
    kinds: {
      greedy: 'the best expected value for you and the shop',
      explore: 'a random choice that helps the shop learn',
      holdout: 'the comparison group, which never gets offers',
      guardrail: 'a limit on how often offers are shown',
      'no-model': 'no prediction available',
      'not-worth-it': 'no discount was worth it',
    },
    offerReason: 'Reason: {reason}',
    sentHeading: 'What was sent, and when',
    sentCaption: 'Requests sent to the collector, newest first',
    requestCol: 'Request',
    statusCol: 'Status',
    bodyCol: 'Exact content',
    noBody: 'No content',
    showBody: 'Show ({n} bytes)',
    failed: 'Failed',
    nothingSent: 'Nothing has been sent.',
    budgetHeading: 'Privacy budget',
    budgetUnused: 'Not used yet.',
    budgetSpent: 'Spent in the last {days} days: ε {spent} of {limit}',
    budgetToday: 'Reports today: {n} of {max}',
    budgetPerReport: 'Each report: ε {eps}',
    budgetExplain: 'Every report is randomised on this device before it leaves; ε limits what any report can reveal about you (lower is more private).',
    download: 'Download my data',
    downloaded: 'Your data was saved as a JSON file.',
    delete: 'Delete my data',
    confirmText: 'Delete everything Tailor keeps in this browser for this shop, in every open tab? This cannot be undone.',
    confirmYes: 'Yes, delete everything',
    confirmNo: 'Keep my data',
    deleted: 'Your data was deleted from this browser. Tailor stopped recording on this page.',
    failedAction: 'That did not work. Please try again.',
    close: 'Close',
  },
  'zh-CN': {
    title: '您的数据与 Tailor',
    intro: 'Tailor 在您的设备上为本店挑选优惠。以下是它在此保存的全部数据，以及它发送过的全部内容。',
    loading: '正在加载…',
    unavailable: 'Tailor 无法在此页面读取其数据。',
    consentHeading: '您的选择',
    consentCaption: 'Tailor 可以做什么',
    useCol: '用途',
    store: '在本设备上保存浏览记录',
    personalise: '用于挑选优惠',
    sync: '发送匿名、加噪的统计数据',
    allowed: '已允许',
    notAllowed: '未允许',
    reasons: '原因：',
    storedHeading: '保存了什么',
    where: '保存位置：{where}。',
    whereKinds: { indexeddb: '本浏览器（IndexedDB）', memory: '仅内存，页面关闭即清除', none: '尚未保存' },
    memoryWhy: '此处无法使用 IndexedDB（{reason}）。',
    carriedIn: '最新的 {max} 条事件通过 {area} 在页面之间保留（当前 {n} 条）；更早的会被丢弃。',
    notCarried: '此页面也没有其他可用的存储，离开页面后这些事件将丢失。',
    notStarted: 'Tailor 无法在此页面启动（{reason}），因此此处不记录任何内容。',
    size: '事件约 {kb} KB。',
    countsCaption: '本设备上保存的记录',
    kindCol: '类型',
    countCol: '数量',
    counts: { events: '事件', sessions: '访问', decisions: '优惠决策', outbox: '待发送的报告', outbound: '已发送的请求' },
    eventsCaption: '最近的 {n} 个事件',
    timeCol: '时间',
    eventCol: '事件',
    pageCol: '页面类型',
    noEvents: '没有保存任何事件。',
    featuresHeading: 'Tailor 从您的访问中得出的信息',
    featuresIntro: '这些信息在本设备上根据上方事件计算，从不发送。模型看到的是右侧一列：每个值都按其训练数据的统计量进行了缩放。',
    featuresCaption: '本次及以往访问的 {n} 项特征',
    featureCol: '特征',
    valueCol: '数值',
    modelInputCol: '模型输入',
    missing: '暂无',
    noFeatures: '尚未计算任何信息。',
    botNotice: '本次访问看起来是自动化程序（{reasons}），因此 Tailor 不会向其提供优惠。',
    cartHeading: 'Tailor 所知的购物车',
    cartIntro: '在本设备上从本店页面读取，从不发送。优惠按此金额计算。',
    cartCaption: '购物车中的 {n} 项',
    cartEmpty: '就本设备所知，您的购物车是空的。',
    cartValue: '购物车金额：{value}',
    productCol: '商品',
    quantityCol: '数量',
    priceCol: '单价',
    cartSkipped: '在本页面上，有 {items} 件购物车商品无法读取而被跳过；读取本店购物车失败 {reads} 次。',
    offerHeading: '最近一次优惠决策及原因',
    noDecision: '尚未做出任何优惠决策。',
    offerTier: '优惠：立减 {tier}%',
    noOffer: '优惠：无',
    offerKind: '决策方式：{kind}',
    kinds: {
      greedy: '对您和本店预期价值最高的选择',
      explore: '帮助本店学习的随机选择',
      holdout: '对照组（从不显示优惠）',
      guardrail: '优惠显示频率的限制',
      'no-model': '没有可用的预测',
      'not-worth-it': '没有值得提供的折扣',
    },
    offerReason: '原因：{reason}',
    sentHeading: '发送了什么、何时发送',
    sentCaption: '发送到收集服务器的请求（最新的在前）',
    requestCol: '请求',
    statusCol: '状态',
    bodyCol: '确切内容',
    noBody: '无内容',
    showBody: '显示（{n} 字节）',
    failed: '失败',
    nothingSent: '尚未发送任何内容。',
    budgetHeading: '隐私预算',
    budgetUnused: '尚未使用。',
    budgetSpent: '最近 {days} 天已用：ε {spent}，上限 {limit}',
    budgetToday: '今日报告：{n} / {max}',
    budgetPerReport: '每份报告：ε {eps}',
    budgetExplain: '每份报告在离开本设备前都会被随机化；ε 限制任何一份报告能透露的关于您的信息（越低越私密）。',
    download: '下载我的数据',
    downloaded: '您的数据已保存为 JSON 文件。',
    delete: '删除我的数据',
    confirmText: '删除 Tailor 在本浏览器中为本店保存的全部数据（包括所有已打开的标签页）？此操作无法撤销。',
    confirmYes: '是的，全部删除',
    confirmNo: '保留我的数据',
    deleted: '您的数据已从本浏览器中删除。Tailor 已停止在此页面上记录。',
    failedAction: '操作未成功，请重试。',
    close: '关闭',
  },
};

/** Replaces `{key}` slots with values (as text). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}
