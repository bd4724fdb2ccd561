import type { Category } from './types';

/** The shop's categories, in navigation order. */
export const CATEGORIES: readonly Category[] = [
  {
    id: 'coffee',
    analyticsName: 'Coffee',
    name: { en: 'Coffee', 'zh-CN': '咖啡' },
    blurb: {
      en: 'Single origins and blends, roasted every Monday in small batches.',
      'zh-CN': '单一产地与拼配咖啡豆，每周一小批量新鲜烘焙。',
    },
  },
  {
    id: 'tea',
    analyticsName: 'Tea',
    name: { en: 'Tea', 'zh-CN': '茶' },
    blurb: {
      en: 'Whole-leaf green, oolong, black, white and dark teas from growers we know by name.',
      'zh-CN': '绿茶、乌龙、红茶、白茶与黑茶，全部来自我们熟识的茶农。',
    },
  },
  {
    id: 'brewing-gear',
    analyticsName: 'Brewing gear',
    name: { en: 'Brewing gear', 'zh-CN': '冲煮器具' },
    blurb: {
      en: 'Drippers, kettles, grinders and teaware that we use behind our own counter.',
      'zh-CN': '滤杯、手冲壶、磨豆机和茶具——我们自己吧台上每天在用的器具。',
    },
  },
];
