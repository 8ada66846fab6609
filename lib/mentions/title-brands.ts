import type { LexiconEntry } from './lexicon';
import type { TermMatch } from './matcher';

/**
 * Brands the lexicon does not know, read from where sellers put them in a listing title (issue 3:
 * brand recall on real titles). Sellers open a title with the brand, often in both scripts
 * (`haier/海尔`, `gl格朗吸奶器`), and name shops after it (`xx旗舰店`). These rules run on titles
 * of listings only: in a note the same shapes are ordinary words.
 */

export interface TitleBrand {
  start: number;
  end: number;
  /** How sure the shape is: a pair or a shop name is clear, a bare word before a product is not. */
  rule: 'pair' | 'latinLead' | 'hanLead' | 'shop';
}

/** Words that stand for the brand's own shop or mark right after its name. */
const SHOP_CUES = ['旗舰店', '专卖店', '专营店'];
/** Words between a brand and its shop cue (海尔官方旗舰店). */
const SHOP_PREFIXES = ['官方', '品牌', '官网'];
/** Latin words that open titles without being brands. */
const NOT_BRANDS = new Set([
  'the', 'and', 'for', 'with', 'new', 'diy', 'led', 'usb', 'pro', 'max', 'plus', 'mini', 'ins', 'vip', 'top', 'cos', 'jk', 'lolita', 'oversize',
  'type', 'wifi', 'pvc', 'abs', 'size', 'free', 'hot', 'sale', 'good', 'nice', 'cute', 'ok', 'ab', 'a', 'b', 'c', 'd', 'x', 'xl', 'xxl', 'xs',
  'ipad', 'iphone', 'pc', 'tv', 'dvd', 'cd', 'ic', 'pu', 'pe', 'pp', 'eva', 'ptfe', 'hdmi', 'vga', 'dc', 'ac', 'rgb', 'gps', 'ktv', 'kt', 'bb', 'cc',
  'u', 'v', 'mp3', 'mp4', 'app', 'ppt', 'pdf', 'word', 'excel', 'qq', 'vr', 'ar', 'ai', 'ps', 'cad', 'cpu', 'ssd', 'ram', 'lcd', 'oled', 'ktv',
]);
const MAX_HAN_NAME = 4;
/**
 * Words that open titles and are no brand: sales talk, seasons, who it is for, rooms, countries and
 * cities, looks. A leading name that starts with one of them is not read as a brand.
 */
const GENERIC_OPENERS = new Set(
  ('新款 正品 热卖 特价 包邮 现货 爆款 网红 同款 秒发 促销 清仓 限时 限量 专柜 原装 进口 国产 定制 定做 批发 零售 厂家 直销 二手 全新 ' +
    '夏季 秋季 冬季 春季 春秋 秋冬 春夏 夏天 冬天 男士 女士 男女 男款 女款 儿童 宝宝 婴儿 成人 学生 孕妇 老人 中老 中年 青年 少女 情侣 ' +
    '家用 厨房 卧室 客厅 浴室 办公 车载 户外 室内 日本 韩国 美国 德国 英国 法国 意大利 澳洲 澳大 泰国 台湾 香港 中国 欧美 欧式 日式 韩式 ' +
    '北京 上海 广州 深圳 杭州 武汉 成都 重庆 南京 天津 西安 青岛 云南 新疆 东北 ' +
    '个性 创意 可爱 简约 时尚 复古 文艺 潮流 经典 高档 豪华 高端 超薄 加厚 加大 大号 小号 迷你 便携 多功能 全自动 手工 手动 电动 ' +
    '完美 专业 标准 通用 适用 正版 官方 品牌 原厂 纯色 素色 变色 彩色 透明 防水 防滑 免费 一次 实木 纯棉 真皮 天然 有机 手机 电脑 汽车 ' +
    '影视 建筑 技术 注册 效果 数码 开发 韩国东 温柔 二手软').split(' '),
);

export function titleBrands(text: string, hits: ReadonlyArray<TermMatch<LexiconEntry[]>>): TitleBrand[] {
  const brands: TitleBrand[] = [];
  const covered = (start: number, end: number) => hits.some((hit) => hit.start < end && hit.end > start);
  /** The first lexicon hit that starts in [from, to), if any. */
  const firstHitIn = (from: number, to: number) => {
    for (const hit of hits) {
      if (hit.start >= to) return undefined;
      if (hit.start >= from) return hit;
    }
    return undefined;
  };

  let at = 0;
  while (at < text.length && !isHan(text.charCodeAt(at)) && !isLatin(text.charCodeAt(at))) at++;
  const lead = at;

  if (isLatin(text.charCodeAt(lead))) {
    const latinEnd = latinRunEnd(text, lead);
    const word = text.slice(lead, latinEnd).trim();
    const known = covered(lead, lead + word.length);
    let next = latinEnd;
    while (text.charCodeAt(next) === 0x20) next++;
    const slash = text.charCodeAt(next) === 0x2f; /* haier/海尔 */
    // A known brand in Latin still vouches for the Chinese name after it (haier海尔); a word that is
    // no brand (mm, led) does not.
    const brandLike = known ? hits.some((hit) => hit.start === lead && hit.value.some((entry) => entry.kind === 'brand')) : isBrandWord(word);
    if (brandLike) {
      if (!known && (slash || isHan(text.charCodeAt(next)))) brands.push({ start: lead, end: lead + word.length, rule: slash ? 'pair' : 'latinLead' });
      if (slash) {
        next++;
        while (text.charCodeAt(next) === 0x20) next++;
      }
      // The Chinese name that follows (haier/海尔, gl格朗吸奶器): up to the first lexicon word.
      const han = hanNameAt(text, next);
      if (han && (slash || han.beforeProduct)) brands.push({ start: next, end: han.end, rule: slash ? 'pair' : 'latinLead' });
    }
  } else if (isHan(text.charCodeAt(lead))) {
    const han = hanNameAt(text, lead);
    if (han) {
      let next = han.end;
      while (text.charCodeAt(next) === 0x20) next++;
      if (text.charCodeAt(next) === 0x2f) {
        // 海尔/haier
        brands.push({ start: lead, end: han.end, rule: 'pair' });
        next++;
        while (text.charCodeAt(next) === 0x20) next++;
        const latinEnd = latinRunEnd(text, next);
        const word = text.slice(next, latinEnd).trim();
        if (isBrandWord(word) && !covered(next, next + word.length)) brands.push({ start: next, end: next + word.length, rule: 'pair' });
      } else if (han.beforeProduct) {
        brands.push({ start: lead, end: han.end, rule: 'hanLead' });
      }
    }
  }

  // 海尔旗舰店, 某某牌: the two to four characters before a shop cue, anywhere in the title.
  for (const cue of SHOP_CUES) {
    for (let found = text.indexOf(cue); found >= 0; found = text.indexOf(cue, found + cue.length)) {
      let end = found;
      for (const prefix of SHOP_PREFIXES) if (text.startsWith(prefix, end - prefix.length)) end -= prefix.length;
      let start = end;
      while (start > 0 && end - start < MAX_HAN_NAME && isHan(text.charCodeAt(start - 1)) && !hitEndingAt(hits, start)) start--;
      if (end - start < 2 || covered(start, end)) continue;
      if (brands.some((brand) => brand.start < end && brand.end > start)) continue;
      brands.push({ start, end, rule: 'shop' });
    }
  }
  return brands.sort((a, b) => a.start - b.start);

  /** A Chinese name of two to four characters at `from`, ending where the first lexicon word begins. */
  function hanNameAt(source: string, from: number): { end: number; beforeProduct: boolean } | undefined {
    let end = from;
    while (end < source.length && isHan(source.charCodeAt(end)) && end - from < MAX_HAN_NAME + 1) end++;
    const hit = firstHitIn(from, end + 1);
    if (hit && hit.start === from) return undefined; // starts with a known word: not an unknown name
    const nameEnd = hit ? hit.start : end;
    if (nameEnd - from < 2 || nameEnd - from > MAX_HAN_NAME) return undefined;
    if (GENERIC_OPENERS.has(source.slice(from, from + 2)) || GENERIC_OPENERS.has(source.slice(from, from + 3))) return undefined;
    if (!hit && isHan(source.charCodeAt(nameEnd))) return undefined; // a longer run with no known word in it
    const beforeProduct = hit !== undefined && hit.start === nameEnd && hit.value.some((entry) => entry.kind === 'category');
    return { end: nameEnd, beforeProduct };
  }
}

function hitEndingAt(hits: ReadonlyArray<TermMatch<LexiconEntry[]>>, end: number): boolean {
  return hits.some((hit) => hit.end === end);
}

function latinRunEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && end - from < 24) {
    const code = text.charCodeAt(end);
    if (isLatin(code) || (code >= 0x30 && code <= 0x39) || code === 0x26 || code === 0x27 || code === 0x2d || code === 0x2e) end++;
    else if (code === 0x20 && isLatin(text.charCodeAt(end + 1))) end++;
    else break;
  }
  return end;
}

/** Three or more letters (with & ' - or single spaces between words), no digits: model numbers are not brands. */
function isBrandWord(word: string): boolean {
  if (word.length < 3 || word.length > 20 || !/^[a-z]+(?:[&'\- ][a-z]+)*$/.test(word)) return false;
  return !NOT_BRANDS.has(word);
}

function isHan(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

function isLatin(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}
