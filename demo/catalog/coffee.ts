import type { Product } from './types';

/** Coffee beans (category 'coffee'). */
export const COFFEE: readonly Product[] = [
  {
    id: 'ethiopia-yirgacheffe', sku: 'EL-CF-001', categoryId: 'coffee',
    name: { en: 'Ethiopia Yirgacheffe', 'zh-CN': '埃塞俄比亚 耶加雪菲' },
    description: {
      en: 'Washed heirloom varieties from Gedeo. Jasmine, bergamot and lemon curd; light roast, 250 g whole bean.',
      'zh-CN': '来自盖德奥产区的水洗原生种。茉莉、佛手柑与柠檬凝乳风味；浅度烘焙，250 克咖啡豆。',
    },
    priceCents: 1850, rating: { value: 4.7, count: 212 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'colombia-huila', sku: 'EL-CF-002', categoryId: 'coffee',
    name: { en: 'Colombia Huila', 'zh-CN': '哥伦比亚 慧兰' },
    description: {
      en: 'A sweet, round everyday coffee: caramel, red apple and milk chocolate. Medium roast, 250 g.',
      'zh-CN': '甜润圆滑的日常之选：焦糖、红苹果与牛奶巧克力。中度烘焙，250 克。',
    },
    priceCents: 1600, salePriceCents: 1350, rating: { value: 4.5, count: 168 }, availability: 'InStock',
    offersShape: 'object',
  },
  {
    id: 'kenya-nyeri-aa', sku: 'EL-CF-003', categoryId: 'coffee',
    name: { en: 'Kenya Nyeri AA', 'zh-CN': '肯尼亚 涅里 AA' },
    description: {
      en: 'SL28 and SL34 from the slopes of Mount Kenya. Blackcurrant, grapefruit and a juicy finish. 250 g.',
      'zh-CN': '肯尼亚山坡上的 SL28 与 SL34。黑加仑、西柚，尾韵多汁。250 克。',
    },
    priceCents: 2100, rating: { value: 4.8, count: 94 }, availability: 'InStock', offersShape: 'array',
  },
  {
    id: 'guatemala-antigua', sku: 'EL-CF-004', categoryId: 'coffee',
    name: { en: 'Guatemala Antigua', 'zh-CN': '危地马拉 安提瓜' },
    description: {
      en: 'Grown between three volcanoes. Cocoa, toasted almond and brown sugar. Medium roast, 250 g.',
      'zh-CN': '生长于三座火山之间。可可、烤杏仁与红糖。中度烘焙，250 克。',
    },
    priceCents: 1700, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'sumatra-mandheling', sku: 'EL-CF-005', categoryId: 'coffee',
    name: { en: 'Sumatra Mandheling', 'zh-CN': '苏门答腊 曼特宁' },
    description: {
      en: 'Wet-hulled and full-bodied: cedar, dark chocolate and a long earthy finish. Dark roast, 250 g.',
      'zh-CN': '湿刨法处理，醇厚饱满：雪松、黑巧克力与悠长的大地气息。深度烘焙，250 克。',
    },
    priceCents: 1750, salePriceCents: 1400, rating: { value: 4.3, count: 77 }, availability: 'InStock',
    offersShape: 'object',
  },
  {
    id: 'house-espresso-blend', sku: 'EL-CF-006', categoryId: 'coffee',
    name: { en: 'House Espresso Blend', 'zh-CN': '招牌意式拼配' },
    description: {
      en: 'Brazil and Colombia for a syrupy shot that loves milk. Hazelnut, cocoa, dried cherry. 500 g.',
      'zh-CN': '巴西与哥伦比亚拼配，萃取浓稠，与牛奶是绝配。榛子、可可、樱桃干。500 克。',
    },
    priceCents: 1500, rating: { value: 4.6, count: 341 }, availability: 'InStock', offersShape: 'aggregate',
  },
  {
    id: 'brazil-cerrado-decaf', sku: 'EL-CF-007', categoryId: 'coffee',
    name: { en: 'Brazil Cerrado Decaf', 'zh-CN': '巴西 喜拉多 低因' },
    description: {
      en: 'Swiss Water decaffeinated, so nothing but water touches the beans. Peanut, toffee, cocoa. 250 g.',
      'zh-CN': '瑞士水处理低因，全程只接触清水。花生、太妃糖、可可。250 克。',
    },
    priceCents: 1650, rating: { value: 4.2, count: 39 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'costa-rica-tarrazu', sku: 'EL-CF-008', categoryId: 'coffee',
    name: { en: 'Costa Rica Tarrazú Honey', 'zh-CN': '哥斯达黎加 塔拉珠 蜜处理' },
    description: {
      en: 'Yellow-honey processed for extra sweetness: apricot, honey and panela. Light-medium roast, 250 g.',
      'zh-CN': '黄蜜处理，甜感更足：杏桃、蜂蜜与黑糖。浅中度烘焙，250 克。',
    },
    priceCents: 1900, salePriceCents: 1600, rating: { value: 4.4, count: 58 }, availability: 'LimitedAvailability',
    offersShape: 'object',
  },
  {
    id: 'cold-brew-coarse', sku: 'EL-CF-009', categoryId: 'coffee',
    name: { en: 'Cold Brew Coarse Grind', 'zh-CN': '冷萃粗研磨咖啡粉' },
    description: {
      en: 'Pre-ground extra coarse for cold brew. Steep 16 hours for a smooth, chocolatey concentrate. 500 g.',
      'zh-CN': '预先研磨的特粗咖啡粉，专为冷萃。浸泡 16 小时，得到顺滑的巧克力风味浓缩液。500 克。',
    },
    priceCents: 1400, availability: 'InStock', offersShape: 'object',
  },
];
