import type { Product } from './types';

/** Loose-leaf teas (category 'tea'). */
export const TEA: readonly Product[] = [
  {
    id: 'west-lake-longjing', sku: 'EL-TE-001', categoryId: 'tea',
    name: { en: 'West Lake Longjing', 'zh-CN': '西湖龙井' },
    description: {
      en: 'Pan-fired spring green tea from Hangzhou. Roasted chestnut, fresh peas and a sweet finish. 50 g.',
      'zh-CN': '杭州明前炒青绿茶。板栗香、豌豆清香，回甘明显。50 克。',
    },
    priceCents: 2400, rating: { value: 4.8, count: 133 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'anxi-tieguanyin', sku: 'EL-TE-002', categoryId: 'tea',
    name: { en: 'Anxi Tieguanyin', 'zh-CN': '安溪铁观音' },
    description: {
      en: 'Lightly oxidised rolled oolong with orchid and cream notes. Rewards many short infusions. 75 g.',
      'zh-CN': '轻发酵颗粒型乌龙，兰花香与奶油感，耐冲泡。75 克。',
    },
    priceCents: 2200, salePriceCents: 1850, rating: { value: 4.6, count: 87 }, availability: 'InStock',
    offersShape: 'object',
  },
  {
    id: 'wuyi-da-hong-pao', sku: 'EL-TE-003', categoryId: 'tea',
    name: { en: 'Wuyi Da Hong Pao', 'zh-CN': '武夷大红袍' },
    description: {
      en: 'Charcoal-roasted rock oolong: stone fruit, cinnamon and a mineral finish. 50 g.',
      'zh-CN': '炭焙武夷岩茶（乌龙茶）：核果与肉桂香，岩韵明显。50 克。',
    },
    priceCents: 2800, rating: { value: 4.7, count: 64 }, availability: 'InStock', offersShape: 'array',
  },
  {
    id: 'yunnan-dianhong', sku: 'EL-TE-004', categoryId: 'tea',
    name: { en: 'Yunnan Dianhong Black Tea', 'zh-CN': '云南滇红' },
    description: {
      en: 'Golden-tipped black tea with malt, honey and sweet potato. Great with or without milk. 100 g.',
      'zh-CN': '金毫显露的红茶，麦芽、蜂蜜与红薯香。清饮或加奶都好喝。100 克。',
    },
    priceCents: 1600, rating: { value: 4.5, count: 120 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'fuding-silver-needle', sku: 'EL-TE-005', categoryId: 'tea',
    name: { en: 'Fuding Silver Needle', 'zh-CN': '福鼎白毫银针' },
    description: {
      en: 'Only the first downy buds. Delicate, with honeydew melon and hay. 50 g.',
      'zh-CN': '只采头春满披白毫的芽头。清雅细腻，带蜜瓜与干草香。50 克。',
    },
    priceCents: 3200, salePriceCents: 2700, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'shou-pu-erh-cake', sku: 'EL-TE-006', categoryId: 'tea',
    name: { en: 'Aged Shou Pu-erh Cake', 'zh-CN': '陈年熟普洱茶饼' },
    description: {
      en: 'A 357 g pressed cake from Menghai, aged since 2015. Earthy, woody and smooth as velvet.',
      'zh-CN': '勐海 357 克七子饼，2015 年压制至今。陈香木香，顺滑如丝绒。',
    },
    priceCents: 3800, rating: { value: 4.4, count: 41 }, availability: 'LimitedAvailability', offersShape: 'object',
  },
  {
    id: 'jasmine-dragon-pearls', sku: 'EL-TE-007', categoryId: 'tea',
    name: { en: 'Jasmine Dragon Pearls', 'zh-CN': '茉莉龙珠' },
    description: {
      en: 'Hand-rolled green tea pearls scented seven times with fresh jasmine blossoms. 75 g.',
      'zh-CN': '手工揉捻成珠的绿茶，以新鲜茉莉花七次窨制。75 克。',
    },
    priceCents: 1900, rating: { value: 4.6, count: 203 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'earl-grey-supreme', sku: 'EL-TE-008', categoryId: 'tea',
    name: { en: 'Earl Grey Supreme', 'zh-CN': '特级伯爵红茶' },
    description: {
      en: 'Ceylon black tea with cold-pressed bergamot oil and blue cornflowers. 100 g.',
      'zh-CN': '锡兰红茶搭配冷榨佛手柑精油与蓝色矢车菊。100 克。',
    },
    priceCents: 1300, salePriceCents: 1050, rating: { value: 4.3, count: 156 }, availability: 'InStock',
    offersShape: 'object',
  },
  {
    id: 'chamomile-lemon-balm', sku: 'EL-TE-009', categoryId: 'tea',
    name: { en: 'Chamomile & Lemon Balm', 'zh-CN': '洋甘菊柠檬香蜂草' },
    description: {
      en: 'A caffeine-free evening blend of Egyptian chamomile, lemon balm and a little lavender. 60 g.',
      'zh-CN': '无咖啡因的晚间花草茶：埃及洋甘菊、柠檬香蜂草与少许薰衣草。60 克。',
    },
    priceCents: 1100, availability: 'OutOfStock', offersShape: 'object',
  },
];
