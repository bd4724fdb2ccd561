import type { Product } from './types';

/** Brewing equipment and teaware (category 'brewing-gear'). */
export const BREWING_GEAR: readonly Product[] = [
  {
    id: 'ceramic-pour-over-dripper', sku: 'EL-GR-001', categoryId: 'brewing-gear',
    name: { en: 'Ceramic Pour-Over Dripper', 'zh-CN': '陶瓷手冲滤杯' },
    description: {
      en: 'Glazed porcelain cone with spiral ribs for an even, unhurried flow. Fits size 02 filters.',
      'zh-CN': '上釉瓷质锥形滤杯，螺旋导流筋让水流均匀从容。适配 02 号滤纸。',
    },
    priceCents: 2400, rating: { value: 4.7, count: 289 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'gooseneck-kettle', sku: 'EL-GR-002', categoryId: 'brewing-gear',
    name: { en: 'Gooseneck Kettle 1 L', 'zh-CN': '细口手冲壶 1 升' },
    description: {
      en: 'Electric kettle with a precise spout and temperature hold from 40 to 100 °C.',
      'zh-CN': '电热细口壶，出水精准，可在 40–100 °C 间恒温。',
    },
    priceCents: 5900, salePriceCents: 4900, rating: { value: 4.6, count: 176 }, availability: 'InStock',
    offersShape: 'aggregate',
  },
  {
    id: 'hand-burr-grinder', sku: 'EL-GR-003', categoryId: 'brewing-gear',
    name: { en: 'Hand Burr Grinder', 'zh-CN': '手摇磨豆机' },
    description: {
      en: 'Stainless conical burrs and 40 click settings, from espresso-fine to French-press coarse.',
      'zh-CN': '不锈钢锥形磨芯，40 档调节，从意式细粉到法压粗粉。',
    },
    priceCents: 8900, rating: { value: 4.8, count: 98 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'french-press', sku: 'EL-GR-004', categoryId: 'brewing-gear',
    name: { en: 'French Press 800 ml', 'zh-CN': '法压壶 800 毫升' },
    description: {
      en: 'Borosilicate glass and a double steel mesh filter for a clean, full-bodied cup.',
      'zh-CN': '高硼硅玻璃壶身，双层不锈钢滤网，口感醇厚而干净。',
    },
    priceCents: 3200, rating: { value: 4.3, count: 154 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'digital-coffee-scale', sku: 'EL-GR-005', categoryId: 'brewing-gear',
    name: { en: 'Digital Coffee Scale', 'zh-CN': '咖啡电子秤' },
    description: {
      en: '0.1 g resolution with a built-in brew timer and a rechargeable battery.',
      'zh-CN': '0.1 克精度，内置冲煮计时器，可充电。',
    },
    priceCents: 3500, salePriceCents: 2800, rating: { value: 4.5, count: 112 }, availability: 'InStock',
    offersShape: 'object',
  },
  {
    id: 'paper-filters-100', sku: 'EL-GR-006', categoryId: 'brewing-gear',
    name: { en: 'Paper Filters, 100 pack', 'zh-CN': '手冲滤纸（100 张）' },
    description: {
      en: 'Unbleached size 02 cone filters. Rinse once with hot water for a paper-free taste.',
      'zh-CN': '未漂白 02 号锥形滤纸。使用前用热水冲洗一次，去除纸味。',
    },
    priceCents: 650, rating: { value: 4.9, count: 512 }, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'porcelain-gaiwan-set', sku: 'EL-GR-007', categoryId: 'brewing-gear',
    name: { en: 'Porcelain Gaiwan Set', 'zh-CN': '白瓷盖碗套装' },
    description: {
      en: 'A 120 ml Jingdezhen gaiwan with a fairness pitcher and four tasting cups.',
      'zh-CN': '景德镇 120 毫升盖碗，配公道杯与四只品茗杯。',
    },
    priceCents: 4200, rating: { value: 4.7, count: 66 }, availability: 'InStock', offersShape: 'array',
  },
  {
    id: 'glass-teapot-infuser', sku: 'EL-GR-008', categoryId: 'brewing-gear',
    name: { en: 'Glass Teapot with Infuser', 'zh-CN': '玻璃泡茶壶（带滤芯）' },
    description: {
      en: 'Heat-proof 600 ml teapot with a removable stainless infuser — watch the leaves unfurl.',
      'zh-CN': '600 毫升耐热玻璃壶，可拆卸不锈钢滤芯，看茶叶在水中舒展。',
    },
    priceCents: 2700, salePriceCents: 2200, availability: 'InStock', offersShape: 'object',
  },
  {
    id: 'insulated-travel-tumbler', sku: 'EL-GR-009', categoryId: 'brewing-gear',
    name: { en: 'Insulated Travel Tumbler', 'zh-CN': '保温随行杯' },
    description: {
      en: 'Double-wall steel, 350 ml, leak-proof lid. Keeps coffee hot for six hours.',
      'zh-CN': '双层不锈钢，350 毫升，防漏杯盖。咖啡保温六小时。',
    },
    priceCents: 2500, rating: { value: 4.4, count: 83 }, availability: 'InStock', offersShape: 'object',
  },
];
