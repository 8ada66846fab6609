import type { LexiconEntry } from './lexicon';
import type { TermMatch } from './matcher';

/**
 * Brands the lexicon does not know, read from where sellers put them in a listing title (
 * brand recall on real titles). Sellers open a title with the brand, often in both scripts
 * (`haier/海尔`, `gl格朗吸奶器`), and name shops after it (`xx旗舰店`). These rules run on titles
 * of listings only: in a note the same shapes are ordinary words.
 */

export interface TitleBrand {
  start: number;
  end: number;
  /** How sure the shape is: a pair or a shop name is clear, a bare word before a product is not. */
  rule: 'pair' | 'alias' | 'latinLead' | 'latinAlone' | 'hanLead' | 'hanAlone' | 'bracket' | 'shop' | 'pai' | 'fits';
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
  'note', 'tag', 'series', 'party', 'style', 'home', 'baby', 'kids', 'lady', 'girl', 'boy', 'man', 'men', 'women', 'love', 'dnf', 'lol', 'rfid', 'gsm',
  'mate', 'lite', 'ultra', 'nova', 'air', 'ifashion', 'strong', 'edition', 'version', 'gift', 'set', 'box', 'shop', 'store', 'official', 'original', 'hard', 'micro',
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
    '影视 建筑 技术 注册 效果 数码 开发 韩国东 温柔 二手软 ' +
    '质量 商城 正宗 优质 一级 预估 全民 保用 厂价 料理 电子 搭配 采购 预定 家纺 现代 外贸 国检 中古 频率 超重 兼容 配货 轻奢 预售 ' +
    '山东 大连 东京 首尔 巴黎 伦敦 纽约 俄罗斯 越南 福建 浙江 江苏 广东 广西 四川 湖南 湖北 河南 河北 山西 陕西 安徽 江西 贵州 ' +
    '海南 甘肃 内蒙 西藏 宁夏 青海 吉林 辽宁 黑龙江 苏州 厦门 济南 郑州 长沙 昆明 大理 哈尔滨 景德镇 义乌').split(' '),
);

export function titleBrands(text: string, hits: ReadonlyArray<TermMatch<LexiconEntry[]>>): TitleBrand[] {
  const brands: TitleBrand[] = [];
  // Hits come sorted and never overlap: the first one ending after `start` is the only one to check.
  const firstEndingAfter = (at: number) => {
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (hits[middle]!.end > at) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const covered = (start: number, end: number) => {
    const hit = hits[firstEndingAfter(start)];
    return hit !== undefined && hit.start < end;
  };
  const overlapsFound = (start: number, end: number) => brands.some((brand) => brand.start < end && brand.end > start);
  const push = (start: number, end: number, rule: TitleBrand['rule']) => {
    if (end - start >= 2 && !overlapsFound(start, end)) brands.push({ start, end, rule });
  };
  /** Whether a product word of the lexicon starts at `at`. */
  const startsProduct = (at: number) => {
    const hit = hits[firstEndingAfter(at)];
    return hit !== undefined && hit.start === at && hit.value.some((entry) => entry.kind === 'category');
  };
  /** The first lexicon hit that starts in [from, to), if any. */
  const firstHitIn = (from: number, to: number) => {
    for (const hit of hits) {
      if (hit.start >= to) return undefined;
      if (hit.start >= from) return hit;
    }
    return undefined;
  };

  readLead(0);
  // Later parts of a title that open with a tag the same way (…, 包邮, 春光椰奶; …德国荷贝克蓄电池).
  for (let at = 1; at < text.length; at++) {
    if (!isSeparator(text.charCodeAt(at - 1)) && !isHan(text.charCodeAt(at - 1))) continue;
    const opener = openerAt(text, at);
    if (opener && (isSeparator(text.charCodeAt(at - 1)) || COUNTRY_OPENERS.has(opener))) readLead(at);
  }

  /** The brand at the start of a title or of a part of it, after the tags that open it. */
  function readLead(from: number): void {
    // Sellers open with tags before the brand: 【包邮】, [转卖], 正品, 代购, 日本 (where it comes from).
    // Those are stepped over, a few at most; a tag in brackets that is none of them is the shop's brand (【福森】).
    let lead = skipSeparators(text, from);
    for (let step = 0; step < MAX_OPENERS && lead < text.length; step++) {
      const code = text.charCodeAt(lead);
      if (OPEN_BRACKETS.has(code)) {
        const close = closingOf(text, lead);
        if (close < 0) break;
        const inner = text.slice(lead + 1, close).trim();
        if (!isOpenerTag(inner)) {
          const innerStart = lead + 1 + text.slice(lead + 1, close).indexOf(inner);
          // 【福森】手工皂: only where a product word or a Latin name follows, not 【深秋钜惠】.
          const after = skipSeparators(text, close + 1);
          const named = startsProduct(after) || isLatin(text.charCodeAt(after)) || isLatin(inner.charCodeAt(0));
          if (named && isBracketBrand(inner) && !covered(innerStart, innerStart + inner.length)) push(innerStart, innerStart + inner.length, 'bracket');
          break;
        }
        lead = skipSeparators(text, close + 1);
        continue;
      }
      const opener = openerAt(text, lead);
      if (!opener) break;
      lead = skipSeparators(text, lead + opener.length);
    }

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
        const nextCode = text.charCodeAt(next);
        if (!known && (slash || isHan(nextCode))) push(lead, lead + word.length, slash ? 'pair' : 'latinLead');
        // `verymojo, 手表`: a name standing alone before the rest of the title.
        else if (!known && (next >= text.length || isSeparator(nextCode))) push(lead, lead + word.length, 'latinAlone');
        if (slash) {
          next++;
          while (text.charCodeAt(next) === 0x20) next++;
        }
        // The Chinese name that follows (haier/海尔, gl格朗吸奶器): up to the first lexicon word.
        const han = hanNameAt(text, next);
        if (han && (slash || han.beforeProduct)) push(next, han.end, slash ? 'pair' : 'latinLead');
      }
    } else if (isHan(text.charCodeAt(lead))) {
      const han = hanNameAt(text, lead);
      if (han) {
        let next = han.end;
        while (text.charCodeAt(next) === 0x20) next++;
        if (text.charCodeAt(next) === 0x2f) {
          // 海尔/haier
          push(lead, han.end, 'pair');
          next++;
          while (text.charCodeAt(next) === 0x20) next++;
          const latinEnd = latinRunEnd(text, next);
          const word = text.slice(next, latinEnd).trim();
          if (isBrandWord(word) && !covered(next, next + word.length)) push(next, next + word.length, 'pair');
        } else if (han.beforeProduct) {
          push(lead, han.end, 'hanLead');
        } else if (next >= text.length || isSeparator(text.charCodeAt(next)) || isLatinOrDigit(text.charCodeAt(next))) {
          // 雪龙瑞斯, 优… or 战神k6: a short name set apart from the rest of the title, or before a model.
          push(lead, han.end, 'hanAlone');
        }
      }
    }
  }

  // A known brand next to a name the lexicon does not know, in the other script: the same brand
  // written twice (博世bosch, nike/耐克, 欧乐b oralb).
  for (let index = 0; index < hits.length; index++) {
    const hit = hits[index]!;
    if (!hit.value.some((entry) => entry.kind === 'brand') || hit.value.some((entry) => entry.kind === 'category')) continue;
    const latinHit = isLatin(text.charCodeAt(hit.start));
    let next = hit.end;
    const slash = text.charCodeAt(next) === 0x2f;
    if (slash || text.charCodeAt(next) === 0x20) next++;
    const following = hits[index + 1];
    // A Chinese name after a Latin brand is too often a word of the title (近视, 丝滑): only with a slash.
    if (latinHit && slash) {
      const han = hanNameAt(text, next);
      if (han && (!following || following.start >= han.end) && (han.beforeProduct || !isHan(text.charCodeAt(han.end)))) push(next, han.end, 'alias');
    } else if (isLatin(text.charCodeAt(next)) && !isLatinOrDigit(text.charCodeAt(next - 1))) {
      const latinEnd = latinRunEnd(text, next);
      const word = text.slice(next, latinEnd).trim();
      if (isBrandWord(word) && !isLatinOrDigit(text.charCodeAt(next + word.length)) && !covered(next, next + word.length)) push(next, next + word.length, 'alias');
    }
  }

  // 华南牌 (a brand's own mark), 适用于 Lexus (what a part fits): the name that follows or comes before.
  for (let found = text.indexOf('牌'); found >= 0; found = text.indexOf('牌', found + 1)) {
    if (covered(found, found + 1) || NOT_BRAND_BEFORE_PAI.has(text.charCodeAt(found - 1))) continue;
    let start = found;
    while (start > 0 && found - start < MAX_HAN_NAME && isHan(text.charCodeAt(start - 1)) && !hitEndingAt(hits, start)) start--;
    // The mark stands apart (华铃牌, …) or names what follows (金奥力牌番茄酱), not 万智牌 or 警示牌.
    const after = text.charCodeAt(found + 1);
    const apart = found + 1 >= text.length || isSeparator(after) || isLatinOrDigit(after) || startsProduct(found + 1);
    if (apart && found - start >= 2 && !covered(start, found) && !GENERIC_OPENERS.has(text.slice(start, start + 2))) push(start, found, 'pai');
  }
  for (const cue of FITS_CUES) {
    for (let found = text.indexOf(cue); found >= 0; found = text.indexOf(cue, found + cue.length)) {
      const at = skipSeparators(text, found + cue.length);
      if (isLatin(text.charCodeAt(at))) {
        const word = text.slice(at, latinRunEnd(text, at)).trim();
        if (isBrandWord(word) && !isLatinOrDigit(text.charCodeAt(at + word.length)) && !covered(at, at + word.length)) push(at, at + word.length, 'fits');
      } else {
        const han = hanNameAt(text, at);
        if (han && (han.beforeProduct || !isHan(text.charCodeAt(han.end)))) push(at, han.end, 'fits');
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

/** How many tags (【包邮】, 正品, 日本…) are stepped over at the start of a title. */
const MAX_OPENERS = 4;
/**
 * Tags that open a listing title before the brand: sales talk, where it ships from or comes from.
 * In brackets or not (【包邮】正品 …), they are stepped over to read the brand after them.
 */
const OPENERS = new Set(
  ('包邮 正品 代购 直邮 现货 转卖 新品 新款 特价 二手 全新 热卖 爆款 促销 清仓 秒杀 预售 包税 国行 港版 原装 进口 官方 正版 限时 ' +
    '特惠 包顺丰 顺丰 现货速发 官方正品 正品保证 专柜正品 海外直邮 香港直邮 日本直邮 韩国直邮 美国直邮 澳洲直邮 包邮包税 ' +
    '日本 韩国 美国 德国 英国 法国 意大利 澳洲 澳大利亚 新西兰 泰国 台湾 香港 加拿大 荷兰 丹麦 瑞士 瑞典 西班牙 比利时 欧洲 ' +
    '日本进口 韩国进口 美国进口 德国进口 法国进口 澳洲进口 新西兰进口 泰国进口 台湾进口 意大利进口 英国进口').split(' '),
);
const MAX_OPENER = 6;
/** Where a product comes from: a brand often follows one right away, even in the middle of a title. */
const COUNTRY_OPENERS = new Set('日本 韩国 美国 德国 英国 法国 意大利 澳洲 澳大利亚 新西兰 泰国 台湾 香港 加拿大 荷兰 丹麦 瑞士 瑞典 西班牙 比利时'.split(' '));
const OPEN_BRACKETS = new Set([0x5b /* [ */, 0x3010 /* 【 */, 0x28 /* ( */, 0x3016 /* 〖 */]);
const CLOSE_OF: Record<number, number> = { 0x5b: 0x5d, 0x3010: 0x3011, 0x28: 0x29, 0x3016: 0x3017 };
/** Longest bracketed tag looked into. */
const MAX_TAG = 12;
/** Characters that are never the last one of a brand before 牌 (品牌, 名牌, 扑克牌, 车牌, 金牌…). */
const NOT_BRAND_BEFORE_PAI = new Set([...'品名大招金银铜奖王盾标吊胸工铭挂老杂冒底桥纸号示门车克罗将塔广告语指路'].map((char) => char.charCodeAt(0)));
/** Words after which a listing names what a part or accessory fits: the brand or model of that. */
const FITS_CUES = ['适用于', '适配', '适用', '用于'];

function openerAt(text: string, at: number): string | undefined {
  for (let length = Math.min(MAX_OPENER, text.length - at); length >= 2; length--) {
    const word = text.slice(at, at + length);
    if (OPENERS.has(word)) return word;
  }
  return undefined;
}

function isOpenerTag(inner: string): boolean {
  if (!inner) return true;
  for (let at = 0; at < inner.length; ) {
    const opener = openerAt(inner, at);
    if (!opener) return false;
    at = skipSeparators(inner, at + opener.length);
  }
  return true;
}

/** A tag in brackets that can be a brand: a short Chinese name, or a Latin one. */
function isBracketBrand(inner: string): boolean {
  if (/^[\u4e00-\u9fff]{2,4}$/.test(inner)) return !GENERIC_OPENERS.has(inner.slice(0, 2)) && !GENERIC_OPENERS.has(inner.slice(0, 3));
  return isBrandWord(inner);
}

function closingOf(text: string, open: number): number {
  const close = CLOSE_OF[text.charCodeAt(open)]!;
  for (let at = open + 1; at < text.length && at - open <= MAX_TAG + 1; at++) if (text.charCodeAt(at) === close) return at;
  return -1;
}

/** Spaces and punctuation between the words of a title (not letters, digits or Chinese, and not an opening bracket). */
function isSeparator(code: number): boolean {
  if (Number.isNaN(code)) return true;
  return !isHan(code) && !isLatinOrDigit(code) && !OPEN_BRACKETS.has(code);
}

function skipSeparators(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSeparator(text.charCodeAt(at))) at++;
  return at;
}

function isLatinOrDigit(code: number): boolean {
  return isLatin(code) || (code >= 0x30 && code <= 0x39);
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
