/* Site search in the browser, without any library or outside request.
 *
 * Reads the index the disclosure plugin writes to search/data/ (see
 * plugins/disclosure/search/index.py for the files, postings.py for the binary
 * format and query.py for the reference query this file must agree with). A
 * query fetches only the shards of its keys and then one small record per
 * result shown, so the first result needs tens of kilobytes, not the site.
 *
 * On a platform's search page the index is merged from the agencies' own (see
 * plugins/disclosure/platform/search_merge.py): a key's lists come per agency in
 * its own numbers, which start at the agency's offset on the platform; order.bin
 * gives each entry's date for the order of results; records are the agency's own.
 */
(function () {
  "use strict";

  const SITE = new URL("../", document.currentScript.src); // this file is assets/search.js
  const DATA = new URL("search/data/", SITE);
  const PAGE_SIZE = 10;
  const TITLE_SCORE = 2;
  const SUMMARY_SCORE = 1;
  const MAX_SEGMENTATIONS = 8;
  const EXCERPT_BEFORE = 30;
  const EXCERPT_LENGTH = 120;
  const FILTERS = ["agency", "type", "kind", "department", "item", "year", "validity"]; // "agency" on a platform's search page
  const CEASED = ["废止", "失效"]; // 有效性 values a result marks, so a repealed rule never looks current

  // -- fetching, once per file --------------------------------------------------
  const fetched = new Map();
  function load(path, kind) {
    if (!fetched.has(path)) {
      const request = fetch(new URL(path, DATA)).then((response) => {
        if (!response.ok) throw new Error(`${response.status} ${path}`);
        return kind === "json" ? response.json() : response.arrayBuffer();
      });
      request.catch(() => fetched.delete(path)); // let a later query try again
      fetched.set(path, request);
    }
    return fetched.get(path);
  }
  const manifest = () => load("manifest.json", "json");

  // -- folding: the same as normalize.py ------------------------------------------
  let simplified = null; // Map, once t2s.json is loaded
  function needsSimplified(text, traditional) {
    const bits = traditional.bitmap;
    for (const character of text) {
      const code = character.codePointAt(0) - traditional.start;
      if (code >= 0 && code < bits.length * 8) {
        if (bits[code >> 3] & (1 << (code & 7))) return true;
      } else if (traditional.outside.includes(character)) {
        return true;
      }
    }
    return false;
  }
  async function prepareFolding(text) {
    const m = await manifest();
    if (!m.traditional.bitmap) {
      m.traditional.bitmap = Uint8Array.from(atob(m.traditional.bits), (c) => c.charCodeAt(0));
    }
    if (!simplified && needsSimplified(text, m.traditional)) {
      const pairs = Array.from((await load("t2s.json", "json")).pairs);
      simplified = new Map();
      for (let i = 0; i < pairs.length; i += 2) simplified.set(pairs[i], pairs[i + 1]);
    }
  }
  function foldCharacter(character) {
    let code = character.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
    else if (code === 0x3000) code = 0x20;
    if (code >= 0x41 && code <= 0x5a) code += 32;
    const folded = String.fromCodePoint(code);
    return (simplified && simplified.get(folded)) || folded;
  }
  const foldChars = (text) => Array.from(text, foldCharacter); // one per code point of text
  const fold = (text) => foldChars(text).join("");
  const terms = (query) => Array.from(new Set(fold(query).match(/[\p{L}\p{N}]+/gu) || []));

  // -- the binary files: the same as postings.py ------------------------------------
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const utf8 = new TextEncoder();
  function shardOf(key, shards) {
    let crc = 0xffffffff;
    for (const byte of utf8.encode(key)) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    return ((crc ^ 0xffffffff) >>> 0) % shards;
  }
  function readVarint(bytes, at) {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at.offset++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }
  const utf8Decoder = new TextDecoder();
  function decodeShard(buffer) {
    const bytes = new Uint8Array(buffer);
    const at = { offset: 0 };
    const keys = [];
    for (let count = readVarint(bytes, at); count > 0; count--) {
      const length = readVarint(bytes, at);
      const key = utf8Decoder.decode(bytes.subarray(at.offset, at.offset + length));
      at.offset += length;
      keys.push([key, readVarint(bytes, at)]);
    }
    const payloads = new Map();
    for (const [key, size] of keys) {
      payloads.set(key, bytes.subarray(at.offset, at.offset + size));
      at.offset += size;
    }
    return payloads;
  }
  /* Sets `bit` in flags[base + n] for each entry n of the list at `at` (of `total` entries). */
  function markList(bytes, at, total, base, flags, bit) {
    const kind = bytes[at.offset++];
    if (kind === 1) {
      const end = at.offset + ((total + 7) >> 3);
      for (let i = at.offset, n = base; i < end; i++, n += 8) {
        const byte = bytes[i];
        if (byte) for (let b = 0; b < 8; b++) if (byte & (1 << b)) flags[n + b] |= bit;
      }
      at.offset = end;
    } else if (kind === 2 || kind === 4) {
      const count = readVarint(bytes, at);
      for (let i = 0; i < count; i++, at.offset += kind) {
        let n = 0;
        for (let b = kind - 1; b >= 0; b--) n = n * 256 + bytes[at.offset + b];
        flags[base + n] |= bit;
      }
    }
  }
  /* A key's `count` lists as one flag byte per entry (bit i: in list i), from one site's payload or,
   * on a platform, from each agency's. Typed arrays, not sets: a common word lists most entries. */
  function flagsOf(payload, count, m) {
    const flags = new Uint8Array(m.entries);
    if (!payload) return flags;
    const at = { offset: 0 };
    if (!m.agencies) {
      for (let i = 0; i < count; i++) markList(payload, at, m.entries, 0, flags, 1 << i);
      return flags;
    }
    while (at.offset < payload.length) {
      const agency = m.agencies[readVarint(payload, at)];
      const end = readVarint(payload, at) + at.offset;
      for (let i = 0; i < count; i++) markList(payload, at, agency.entries, agency.offset, flags, 1 << i);
      at.offset = end;
    }
    return flags;
  }
  const shards = new Map();
  async function lists(folder, key, count) {
    const m = await manifest();
    const path = `${folder}/${shardOf(key, m.shards[folder])}.bin`;
    if (!shards.has(path)) shards.set(path, load(path, "binary").then(decodeShard));
    return flagsOf((await shards.get(path)).get(key), count, m);
  }
  /* The entries of several keys' flags: those of the first that every other also has. */
  function common(all) {
    const found = all[0];
    for (const more of all.slice(1)) for (let n = 0; n < found.length; n++) found[n] &= more[n];
    return found;
  }
  async function facet(name, value) {
    const m = await manifest();
    if (m.agencies && name === "agency") {
      const flags = new Uint8Array(m.entries);
      const agency = m.agencies.find((a) => a.id === value);
      if (agency) flags.fill(1, agency.offset, agency.offset + agency.entries);
      return flags;
    }
    return flagsOf(decodeShard(await load(`facets/${name}.bin`, "binary")).get(value), 1, m);
  }
  /* On a platform: the entries newest first (then by number), from the dates in order.bin's runs; sorted once,
   * before the first query, so that a query only walks this order. */
  let dateOrder = null;
  function entriesByDate() {
    if (!dateOrder) dateOrder = sortByDate().catch((error) => ((dateOrder = null), Promise.reject(error))); // a later query tries again
    return dateOrder;
  }
  async function sortByDate() {
    const days = await decodeDays();
    const SPAN = 2 ** 24; // a key of day and number: up to 2^24 entries
    const keys = Float64Array.from(days, (day, n) => (2 ** 21 - day) * SPAN + n).sort();
    return Int32Array.from(keys, (key) => key % SPAN);
  }
  /* Each entry's date (a day number, 0 for undated). */
  async function decodeDays() {
    const bytes = new Uint8Array(await load("order.bin", "binary"));
    const found = new Int32Array((await manifest()).entries);
    const at = { offset: 0 };
    let n = 0;
    while (at.offset < bytes.length) {
      let day = 0;
      for (let runs = readVarint(bytes, at); runs > 0; runs--) {
        const head = bytes[at.offset++];
        let length = (head & 15) + 1;
        if (head === 0x80) {
          const step = readVarint(bytes, at);
          day -= step % 2 ? -(step - 1) / 2 - 1 : step / 2;
          length = readVarint(bytes, at);
        } else {
          day -= (head >> 4) + 1;
        }
        found.fill(day, n, (n += length));
      }
    }
    return found;
  }
  const placedRecords = new Map();
  async function record(n) {
    const m = await manifest();
    if (!m.agencies) return load(`r/${n}.json`, "json");
    if (!placedRecords.has(n)) {
      const agency = m.agencies.findLast((a) => a.offset <= n);
      const placed = load(`../../${agency.path}/search/data/r/${n - agency.offset}.json`, "json").then((entry) => ({
        ...entry,
        u: `${agency.path}/${entry.u}`,
        k: `${agency.name} · ${entry.k}`,
      }));
      placed.catch(() => placedRecords.delete(n));
      placedRecords.set(n, placed);
    }
    return placedRecords.get(n);
  }
  const intersect = (a, b) => new Set([...a].filter((n) => b.has(n)));

  // -- the query: the same as query.py ----------------------------------------------
  function covering(items, size) {
    const starts = [];
    for (let i = 0; i + size <= items.length; i += size) starts.push(i);
    if (starts[starts.length - 1] !== items.length - size) starts.push(items.length - size);
    return starts.map((i) => items.slice(i, i + size));
  }
  function segmentations(letters, syllables) {
    let results = [[]];
    for (const part of letters.replace(/^[' ]+|[' ]+$/g, "").split(/[' ]+/)) {
      const memo = new Map();
      const split = (start) => {
        if (start === part.length) return [[]];
        if (!memo.has(start)) {
          const found = [];
          for (let end = start + 1; end <= part.length; end++) {
            const syllable = part.slice(start, end);
            if (syllables.has(syllable)) for (const rest of split(end)) found.push([syllable, ...rest]);
          }
          memo.set(start, found);
        }
        return memo.get(start);
      };
      const next = [];
      for (const head of results) for (const tail of split(0)) next.push([...head, ...tail]);
      results = next.slice(0, MAX_SEGMENTATIONS);
    }
    return results.filter((r) => r.length);
  }
  /* The query as pinyin letters (ü as v), or null when it is not one. */
  function pinyinLetters(query) {
    const letters = fold(query).replace(/[üÜ]/g, "v").replace(/u:/g, "v");
    return /^[a-z' ]+$/.test(letters) && /[a-z]/.test(letters) ? letters : null;
  }
  async function pinyinReadings(query, gram) {
    const letters = pinyinLetters(query);
    if (!letters) return [];
    const syllables = new Set((await load("pinyin.json", "json")).syllables);
    const readings = segmentations(letters, syllables).map((seq) => ({
      keys: (seq.length <= gram ? [seq] : covering(seq, gram)).map((piece) => piece.join("'")),
      syllables: seq,
      initials: "",
    }));
    const initials = letters.replace(/[' ]/g, "");
    const starts = new Set([...syllables].map((s) => s[0]));
    if (initials.length >= 2 && [...initials].every((c) => starts.has(c))) {
      const keys = initials.length > gram ? covering([...initials], gram).map((p) => p.join("")) : [initials];
      readings.push({ keys: keys.map((k) => "#" + k), syllables: [], initials });
    }
    return readings;
  }
  function confirms(entry, query, reading) {
    if (reading) {
      const title = (entry.p || "").split(" ").map((s) => (s === "-" ? "" : s));
      if (reading.initials) return title.map((s) => s[0] || " ").join("").includes(reading.initials);
      const k = reading.syllables.length;
      for (let i = 0; i + k <= title.length; i++) {
        if (reading.syllables.every((s, j) => title[i + j] === s)) return true;
      }
      return false;
    }
    const text = fold([entry.t, entry.s, entry.x].join("\n"));
    return terms(query).every((term) => text.includes(term));
  }

  /* Entry numbers in the order shown, and which of them a page must still confirm. */
  async function search(query, filters = {}, order = "relevance") {
    await prepareFolding(query);
    const m = await manifest();
    const newest = m.agencies ? entriesByDate() : null; // fetched beside the shards
    const gram = m.gram;
    const total = m.entries;
    const readings = await pinyinReadings(query, gram);
    const lookups = terms(query).map(async (term) => {
      const characters = Array.from(term);
      const keys = characters.length <= gram ? [term] : covering(characters, gram).map((p) => p.join(""));
      return { found: common(await Promise.all(keys.map((key) => lists("g", key, 3)))), partial: keys.length > 1 };
    });
    const pinyinLookups = readings.map(async (reading) => common(await Promise.all(reading.keys.map((key) => lists("p", key, 1)))));
    let scores = null; // by entry; -1: not found
    const candidate = new Uint8Array(total);
    for (const { found, partial } of await Promise.all(lookups)) {
      const next = new Int16Array(total).fill(-1);
      for (let n = 0; n < total; n++) {
        const flags = found[n];
        if (!(flags & 1) || (scores && scores[n] < 0)) continue;
        if (partial) candidate[n] = 1;
        next[n] = (scores ? scores[n] : 0) + TITLE_SCORE * ((flags >> 1) & 1) + SUMMARY_SCORE * ((flags >> 2) & 1);
      }
      scores = next;
    }
    scores = scores || new Int16Array(total).fill(-1);
    const textFound = scores.slice();
    (await Promise.all(pinyinLookups)).forEach((found, i) => {
      for (let n = 0; n < total; n++) {
        if (!(found[n] & 1)) continue;
        if (readings[i].keys.length > 1 && textFound[n] < 0) candidate[n] = 1;
        scores[n] = Math.max(scores[n], TITLE_SCORE);
      }
    });
    for (const name of FILTERS) {
      if (filters[name]) {
        const allowed = await facet(name, filters[name]);
        for (let n = 0; n < total; n++) if (!(allowed[n] & 1)) scores[n] = -1;
      }
    }
    const entries = ranked(scores, newest && (await newest), order === "date");
    return { query, readings, entries, candidates: new Set(entries.filter((n) => candidate[n])) };
  }

  /* The entries found (score 0 or more): best score first unless `byDate`, then newest first: on one site
   * by number, on a platform in the order of `newest` (entries by date, then number). */
  function ranked(scores, newest, byDate) {
    const found = [];
    if (newest) {
      for (let i = 0; i < newest.length; i++) if (scores[newest[i]] >= 0) found.push(newest[i]);
    } else {
      for (let n = 0; n < scores.length; n++) if (scores[n] >= 0) found.push(n);
    }
    if (byDate) return found;
    const byScore = [];
    for (const n of found) (byScore[scores[n]] = byScore[scores[n]] || []).push(n);
    return byScore.reverse().flat();
  }

  /* The records of page `page` (from 0), confirming candidates; drops those that fail. */
  async function showable(result, page) {
    for (;;) {
      const slice = result.entries.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
      const records = await Promise.all(slice.map(record));
      await Promise.all(records.map((r) => prepareFolding([r.t, r.s, r.x].join("\n"))));
      const rejected = new Set();
      slice.forEach((n, i) => {
        if (!result.candidates.has(n)) return;
        const entry = records[i];
        if (confirms(entry, result.query) || result.readings.some((reading) => confirms(entry, result.query, reading))) {
          result.candidates.delete(n);
        } else {
          rejected.add(n);
        }
      });
      if (!rejected.size) return slice.map((n, i) => ({ n, entry: records[i] }));
      result.entries = result.entries.filter((n) => !rejected.has(n));
      result.candidates = intersect(result.candidates, new Set(result.entries));
    }
  }

  // -- highlighting -------------------------------------------------------------------
  /* Which code points of `chars` (folded) belong to an occurrence of a term. */
  function marked(chars, queryTerms) {
    const mask = new Array(chars.length).fill(false);
    for (const term of queryTerms.map((t) => Array.from(t))) {
      for (let i = 0; i + term.length <= chars.length; i++) {
        if (term.every((c, j) => chars[i + j] === c)) mask.fill(true, i, i + term.length);
      }
    }
    return mask;
  }
  function pinyinMask(entry, readings, length) {
    const mask = new Array(length).fill(false);
    const title = (entry.p || "").split(" ").map((s) => (s === "-" ? "" : s));
    for (const reading of readings) {
      const k = reading.syllables.length || reading.initials.length;
      for (let i = 0; i + k <= title.length; i++) {
        const hit = reading.initials
          ? [...reading.initials].every((c, j) => (title[i + j] || " ")[0] === c)
          : reading.syllables.every((s, j) => title[i + j] === s);
        if (hit) mask.fill(true, i, i + k);
      }
    }
    return mask;
  }
  function appendMarked(parent, chars, mask, from, to) {
    let i = from;
    while (i < to) {
      let j = i;
      while (j < to && mask[j] === mask[i]) j++;
      const text = chars.slice(i, j).join("").replace(/\s+/g, " ");
      parent.append(mask[i] ? Object.assign(document.createElement("mark"), { textContent: text }) : text);
      i = j;
    }
  }
  function excerpt(parent, entry, queryTerms) {
    for (const source of [entry.s, entry.x]) {
      const chars = Array.from(source);
      const mask = marked(foldChars(source), queryTerms);
      const first = mask.indexOf(true);
      if (first >= 0) {
        const from = Math.max(0, first - EXCERPT_BEFORE);
        const to = Math.min(chars.length, from + EXCERPT_LENGTH);
        if (from > 0) parent.append("…");
        appendMarked(parent, chars, mask, from, to);
        if (to < chars.length) parent.append("…");
        return parent;
      }
    }
    const chars = Array.from(entry.s || entry.x);
    appendMarked(parent, chars, [], 0, Math.min(chars.length, EXCERPT_LENGTH));
    if (chars.length > EXCERPT_LENGTH) parent.append("…");
    return parent;
  }

  // -- the search page ----------------------------------------------------------------
  function element(tag, properties, ...children) {
    const node = Object.assign(document.createElement(tag), properties);
    node.append(...children);
    return node;
  }

  function searchPage(root) {
    const form = root.querySelector("#search-form");
    const input = form.elements.q;
    const status = root.querySelector("#search-status");
    const list = root.querySelector("#search-results");
    const pager = root.querySelector("#search-pages");
    const filters = root.querySelector("#search-filters");
    let latest = 0;
    let timer = 0;

    function state() {
      const chosen = {};
      for (const name of FILTERS) if (form.elements[name] && form.elements[name].value) chosen[name] = form.elements[name].value;
      return { q: input.value.trim(), filters: chosen, sort: form.elements.sort.value };
    }
    function remember(current, page) {
      const params = new URLSearchParams();
      if (current.q) params.set("q", current.q);
      for (const [name, value] of Object.entries(current.filters)) params.set(name, value);
      if (current.sort !== "relevance") params.set("sort", current.sort);
      if (page > 0) params.set("page", String(page + 1));
      const search = params.toString();
      history.replaceState(null, "", search ? `?${search}` : location.pathname);
    }
    function restore() {
      const params = new URLSearchParams(location.search);
      input.value = params.get("q") || "";
      for (const name of [...FILTERS, "sort"]) {
        const select = form.elements[name];
        const value = params.get(name);
        if (select && value && [...select.options].some((o) => o.value === value)) select.value = value;
      }
      return Math.max(0, (parseInt(params.get("page"), 10) || 1) - 1);
    }

    async function run(page = 0, focusResults = false) {
      const current = state();
      const ticket = ++latest;
      remember(current, page);
      if (!current.q) {
        list.replaceChildren();
        pager.hidden = true;
        status.textContent = "请输入要查找的字词。";
        return;
      }
      list.setAttribute("aria-busy", "true");
      status.textContent = "正在搜索…";
      try {
        const result = await search(current.q, current.filters, current.sort);
        const pages = () => Math.max(1, Math.ceil(result.entries.length / PAGE_SIZE));
        page = Math.min(page, pages() - 1);
        const shown = await showable(result, page);
        if (ticket !== latest) return; // a newer query has started
        page = Math.min(page, pages() - 1);
        render(current, result, shown, page, pages());
        if (focusResults) status.focus();
      } catch (error) {
        if (ticket !== latest) return;
        status.textContent = "搜索暂时无法使用，请稍后再试。";
        list.replaceChildren();
        pager.hidden = true;
        throw error;
      } finally {
        if (ticket === latest) list.removeAttribute("aria-busy");
      }
    }

    function render(current, result, shown, page, pages) {
      const total = result.entries.length;
      const queryTerms = terms(current.q);
      if (!total) {
        const filtered = Object.keys(current.filters).length ? "，或取消部分筛选条件" : "";
        status.textContent = `没有找到包含“${current.q}”的内容。可以换个说法、减少字词${filtered}再试。`;
      } else {
        const about = result.candidates.size ? "约 " : " "; // some pages are yet to be confirmed
        const range = pages > 1 ? `，第 ${page + 1} / ${pages} 页` : "";
        status.textContent = `找到${about}${total} 条结果${range}。`;
      }
      list.replaceChildren(
        ...shown.map(({ entry }) => {
          const title = element("a", { href: new URL(entry.u, SITE).pathname });
          const titleChars = Array.from(entry.t);
          const titleMask = marked(foldChars(entry.t), queryTerms);
          pinyinMask(entry, result.readings, titleChars.length).forEach((hit, i) => hit && (titleMask[i] = true));
          appendMarked(title, titleChars, titleMask, 0, titleChars.length);
          const meta = [element("span", { className: "search-result__kind", textContent: entry.k })];
          if (entry.d) meta.push(element("span", {}, "发布日期：", element("time", { dateTime: entry.d, textContent: entry.d })));
          if (entry.v) {
            meta.push(element("span", { className: `search-result__validity validity validity-${entry.v}` }, `有效性：${entry.v}`));
          }
          const item = element(
            "li",
            { className: CEASED.includes(entry.v) ? "search-result search-result--ceased" : "search-result" },
            element("h2", { className: "search-result__title" }, title),
            element("p", { className: "search-result__meta" }, ...meta),
            excerpt(element("p", { className: "search-result__excerpt" }), entry, queryTerms),
          );
          item.setAttribute("data-search-result", "");
          return item;
        }),
      );
      list.start = page * PAGE_SIZE + 1;
      renderPager(page, pages);
    }

    function renderPager(page, pages) {
      pager.hidden = pages < 2;
      const button = (label, target, disabled) =>
        element("button", { type: "button", textContent: label, disabled, onclick: () => run(target, true) });
      pager.replaceChildren(
        button("上一页", page - 1, page === 0),
        element("span", { className: "site-search__page", textContent: `第 ${page + 1} / ${pages} 页` }),
        button("下一页", page + 1, page >= pages - 1),
      );
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run(0);
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(0), 80);
      // The tables a query of this text needs load while the pause for the next keystroke runs.
      prepareFolding(input.value)
        .then(() => pinyinLetters(input.value) && load("pinyin.json", "json"))
        .catch(() => {}); // the query itself says what failed
    });
    form.addEventListener("change", (event) => {
      if (event.target !== input) run(0);
    });
    status.tabIndex = -1;
    manifest()
      .then((m) => m.agencies && entriesByDate())
      .catch(() => {}); // fetched before the first keystroke: the query itself says what failed
    terms("检索"); // compiles the word pattern (milliseconds on a phone) before the first keystroke, not after it
    const page = restore();
    if (FILTERS.some((name) => form.elements[name] && form.elements[name].value) || form.elements.sort.value !== "relevance" || matchMedia("(min-width: 60em)").matches) {
      filters.open = true;
    }
    run(page);
    if (!input.value) input.focus();
  }

  window.disclosureSearch = { search, showable, record, fold, terms };
  const root = document.getElementById("site-search");
  if (root) searchPage(root);
})();
