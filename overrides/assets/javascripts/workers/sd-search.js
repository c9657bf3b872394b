/*
 * Site search worker: a thin wrapper around mkdocs-material's own search worker
 * (same messages, same result UI, same highlighting). Loaded instead of the stock
 * worker because scripts/search_hooks.py points every page's __config at
 *   sd-search.js?lang=<zh|en>&w=<stock worker file name>
 * and partials/search.html only creates this worker when the reader first uses search.
 * What it changes (the index itself is prepared at build time by notices.search):
 *  1. the index: the page hands over a config-only stub (search/search_index.json);
 *     this worker fetches its language's index (search/search_index.<lang>.json.gz)
 *     itself, as soon as it starts, so the page never parses it;
 *  2. indexing: lunr's Builder is replaced by a compact inverted index (integer ids,
 *     flat postings, no per-token objects) that scores exactly as lunr does
 *     (BM25 with material's b = 0, field and document boosts, query-vector
 *     similarity). Token positions for highlighting are computed only for the
 *     documents a query returns, with material's own tokenizer and position tables,
 *     so material's highlighting is unchanged. lunr itself took ~8 s to index the
 *     Chinese index of 300 notices; this takes a fraction of a second;
 *  3. queries: NFKC, traditional → simplified (OpenCC table shipped in the index),
 *     synonyms / acronyms (data/search/synonyms.yaml + registry `abbr`), Chinese cut
 *     by forward and backward maximum matching over the two-character tokens of the
 *     index (the build cuts the text the same way), every token required (AND), the
 *     last one a prefix; identifiers (文号, 索引号) also matched whole in `keys`.
 * It does so by patching lunr (Builder#add/#build, QueryParser#parse) when the stock
 * worker publishes it as self.lunr.
 */
(function () {
  "use strict"
  var params = new URL(self.location.href).searchParams
  var LANG = params.get("lang") === "en" ? "en" : "zh"
  var STOCK = params.get("w") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(STOCK)) throw new Error("sd-search: bad stock worker name")

  /* This worker lives in <site>/assets/javascripts/workers/; the index in <site>/search/,
     stored gzip-compressed (a tenth of the size on the host). A host that sends it with
     Content-Encoding: gzip has the browser decompress it already: the gzip magic bytes tell.
     Browsers without DecompressionStream (Safari before 16.4) use the bundled fflate. */
  var INDEX = fetch(new URL("../../../search/search_index." + LANG + ".json.gz", self.location.href))
    .then(function (res) {
      if (!res.ok) throw new Error("HTTP " + res.status)
      return res.arrayBuffer()
    })
    .then(function (buf) {
      var bytes = new Uint8Array(buf)
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes)
      if (typeof DecompressionStream === "function")
        return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
      importScripts(new URL("../vendor/fflate.min.js", self.location.href).href)
      return new TextDecoder().decode(self.fflate.gunzipSync(bytes))
    })
    .then(JSON.parse)
  INDEX.catch(function () {})  /* reported when the setup message needs it */

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/
  var HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+/g
    var sd = { t2s: {}, syn: {}, sep: null }
  var plan = null
  var IDX = null
  var L = null  /* lunr */

  function setup(config) {
    var t = (config.sd && config.sd.t2s) || ""
    var chars = Array.from(t)
    sd.t2s = {}
    for (var i = 0; i + 1 < chars.length; i += 2) sd.t2s[chars[i]] = chars[i + 1]
    sd.syn = (config.sd && config.sd.syn) || {}
    sd.sep = new RegExp(config.separator, "g")
  }

  function normalize(q) {
    q = q.normalize("NFKC").toLowerCase()
    return Array.from(q).map(function (c) { return sd.t2s[c] || c }).join("")
  }

  /* Alternatives: the query as typed and with each synonym replaced. */
  function alternatives(q) {
    var alts = [q]
    Object.keys(sd.syn).forEach(function (key) {
      var i = q.indexOf(key)
      if (i < 0) return
      var ascii = /^[a-z0-9]+$/.test(key)
      if (ascii) {
        var before = q.charAt(i - 1), after = q.charAt(i + key.length)
        if (/[a-z0-9]/.test(before) || /[a-z0-9]/.test(after)) return
      }
      sd.syn[key].forEach(function (v) {
        alts.push(q.slice(0, i) + v.toLowerCase() + q.slice(i + key.length))
      })
    })
    return alts.slice(0, 12)
  }

  function fmm(run, vocab) {
    var out = []
    for (var i = 0; i < run.length;) {
      var two = run.slice(i, i + 2)
      if (two.length === 2 && vocab.has(two)) { out.push(two); i += 2 } else { out.push(run[i]); i += 1 }
    }
    return out
  }

  function bmm(run, vocab) {
    var out = []
    for (var j = run.length; j > 0;) {
      var two = run.slice(j - 2, j)
      if (j >= 2 && vocab.has(two)) { out.unshift(two); j -= 2 } else { out.unshift(run[j - 1]); j -= 1 }
    }
    return out
  }

  /* Token lists for one alternative (FMM and, when different, BMM). */
  function tokenLists(q, vocab) {
    var lists = [[], []]
    q.split(sd.sep).forEach(function (part) {
      if (!part) return
      var last = 0
      part.replace(HAN_RUN, function (run, at) {
        if (at > last) { lists[0].push(part.slice(last, at)); lists[1].push(part.slice(last, at)) }
        lists[0].push.apply(lists[0], fmm(run, vocab))
        lists[1].push.apply(lists[1], bmm(run, vocab))
        last = at + run.length
        return run
      })
      if (last < part.length) { lists[0].push(part.slice(last)); lists[1].push(part.slice(last)) }
    })
    return lists[0].join("\u0000") === lists[1].join("\u0000") ? [lists[0]] : lists
  }

  function buildPlan(raw, index, lunr) {
    var q = normalize(raw).trim()
    if (!q) return null
    var queries = []
    alternatives(q).forEach(function (alt, n) {
      tokenLists(alt, index.hanPairs()).forEach(function (tokens) {
        tokens = tokens.filter(function (t) {
          return t && (HAN.test(t) || /\d/.test(t) || lunr.stopWordFilter(t) !== undefined)
        })
        if (!tokens.length) return
        queries.push({
          primary: n === 0,
          clauses: tokens.map(function (t, i) {
            var last = i === tokens.length - 1
            return {
              term: t,
              fields: ["title", "text", "keys"],
              presence: lunr.Query.presence.REQUIRED,
              wildcard: (last || !HAN.test(t)) ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
              usePipeline: false,
              boost: 1
            }
          })
        })
      })
      /* identifiers written loosely: the whole alternative without separators, in keys */
      var whole = alt.replace(sd.sep, "")
      if (/\d/.test(whole) && whole.length >= 4) {
        var extra = (queries.length ? queries[queries.length - 1].clauses : []).map(function (c) {
          return Object.assign({}, c, { fields: ["title", "text"], presence: lunr.Query.presence.OPTIONAL })
        })
        queries.push({ primary: false, clauses: [{
          term: whole, fields: ["keys"], presence: lunr.Query.presence.REQUIRED,
          wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 10
        }].concat(extra) })
      }
    })
    return queries
  }

  /* Run the plan once per query: material parses its query (for the missing-terms
     display) before it searches, so whichever comes first runs ours. */
  function run() {
    if (plan.results) return
    var queries = IDX ? buildPlan(plan.raw, IDX, L) || [] : []
    var merged = new Map()
    var terms = null
    queries.forEach(function (q) {
      var clauses = q.clauses.map(function (c) {
        var query = new L.Query(IDX.fields)
        query.clause(Object.assign({}, c, { fields: c.fields.slice() }))
        return query.clauses[0]
      })
      var res = IDX.evaluate(clauses)
      if (res.length && !terms && q.clauses[0].fields.length > 1) terms = q.clauses
      var factor = q.primary ? 1 : 0.8
      res.forEach(function (r) {
        var prev = merged.get(r.doc)
        if (!prev) merged.set(r.doc, { doc: r.doc, score: r.score * factor, match: r.match })
        else {
          prev.score = Math.max(prev.score, r.score * factor)
          IDX.combine(prev.match, r.match)
        }
      })
    })
    plan.terms = terms || (queries[0] ? queries[0].clauses : [])
    /* material highlights every result, and lists them by page (a page's matching sections
       with it), pages in the order of their best result by its own final score (below).
       Only the pages that come first (PAGES, then more up to HIGHLIGHT results) get
       positions; the others are listed unhighlighted (material shows ten pages, four more
       per scroll: a broad query matches thousands of sections, and highlighting them took
       most of its time). */
    var ranked = Array.from(merged.values())
    ranked.forEach(function (r) { r.final = r.score * (1 + Math.pow(materialBoost(r), 2)) })
    ranked.sort(function (a, b) { return b.final - a.final })
    var pages = new Map()
    ranked.forEach(function (r) {
      var page = IDX.page[r.doc]
      if (!pages.has(page)) pages.set(page, [])
      pages.get(page).push(r)
    })
    var lit = new Set(), n = 0, k = 0
    pages.forEach(function (group) {
      if (k++ >= PAGES && n >= HIGHLIGHT) return
      group.forEach(function (r) { lit.add(r.doc) })
      n += group.length
    })
    plan.results = ranked.map(function (r) { return IDX.result(r, lit.has(r.doc)) })
  }

  var HIGHLIGHT = 300, PAGES = 30

  /* material's post-query boost (integrations/search/_): +1 for a page (not a section),
     plus the share of the query's clauses that a matched term starts with. */
  function materialBoost(r) {
    var matched = new Set(), clauses = plan.terms, found = 0, counted = 0
    r.match.forEach(function (terms) { terms.forEach(function (tf, id) { matched.add(IDX.st.terms[id]) }) })
    var left = clauses.filter(function (c) { return c.presence !== L.Query.presence.PROHIBITED })
      .map(function (c) { return c.term.replace(/^\*|\*$/g, "") })
    left = Array.from(new Set(left))
    matched.forEach(function (t) {
      left = left.filter(function (c) {
        if (!t.startsWith(c)) return true
        found++
        return false
      })
    })
    counted = found + left.filter(function (c) { return L.stopWordFilter(c) }).length
    return (IDX.isSection[r.doc] ? 0 : 1) + (counted ? found / counted : 0)
  }

  /* ---- the index ------------------------------------------------------------------- */

  /* Builder state: filled by Builder#add, turned into an SdIndex by Builder#build. */
  function State(builder) {
    this.builder = builder
    this.fields = Object.keys(builder._fields)
    this.refs = []
    this.docBoost = []
    this.docs = []
    this.lengths = this.fields.map(function () { return [] })  /* terms per doc (BM25 b) */
    this.post = this.fields.map(function () { return [] })     /* [termId] → [doc, tf, ...] */
    this.ids = new Map()                                        /* term → id */
    this.terms = []                                             /* id → term */
    this.df = []                                                /* id → field-docs with it */
    this.piped = new Map()                                      /* raw token → terms */
    this.counts = new Int32Array(1024)                          /* tf of the current field */
    this.touched = []
    this.n = 0
    /* material sets the separator before adding documents. When it is one character class
       (`[...]+`, as ours), tokens are found with a table of separator characters instead
       of String#split, and Han tokens of one or two characters (most of the Chinese index)
       are looked up by their character codes, without a string per token. */
    var src = L.tokenizer.separator.source
    this.sep = new RegExp(src)
    this.isSep = null
    this.single = null
    this.pairs = null
    if (/^\[(?:\\.|[^\]\\])*\]\+$/.test(src)) {
      var one = new RegExp("^(?:" + src + ")$"), table = new Uint8Array(65536)
      for (var c = 0; c < 65536; c++) table[c] = one.test(String.fromCharCode(c)) ? 1 : 0
      this.isSep = table
      var p1 = this.pipe("\u5251"), p2 = this.pipe("\u5251\u7f51")  /* Han tokens kept as they are */
      if (p1.length === 1 && p1[0] === "\u5251" && p2.length === 1 && p2[0] === "\u5251\u7f51") {
        this.single = new Int32Array(65536).fill(-1)
        this.pairs = new Map()
      }
    }
  }

  /* A raw (lower-case) token through the builder's pipeline (stop words), memoized. */
  State.prototype.pipe = function (raw) {
    var out = this.piped.get(raw)
    if (out === undefined) {
      out = this.builder.pipeline.run([new L.Token(raw, {})]).map(String)
      this.piped.set(raw, out)
    }
    return out
  }

  State.prototype.id = function (term) {
    var id = this.ids.get(term)
    if (id === undefined) {
      id = this.terms.length
      this.ids.set(term, id)
      this.terms.push(term)
      this.df.push(0)
      for (var f = 0; f < this.post.length; f++) this.post[f].push(null)  /* dense arrays */
      if (id >= this.counts.length) {
        var counts = new Int32Array(this.counts.length * 2)
        counts.set(this.counts)
        this.counts = counts
      }
    }
    return id
  }

  State.prototype.hit = function (id) {
    if (this.counts[id]++ === 0) this.touched.push(id)
    this.n++
  }

  /* One token of material's tokenizer, value.slice(a, b), through the pipeline. */
  State.prototype.token = function (value, a, b) {
    var c1 = value.charCodeAt(a), id
    if (this.single !== null && b - a <= 2 && isHan(c1)) {
      if (b - a === 1) {
        id = this.single[c1]
        if (id < 0) this.single[c1] = id = this.id(value[a])
        return this.hit(id)
      }
      var c2 = value.charCodeAt(a + 1)
      if (isHan(c2)) {
        var key = c1 * 65536 + c2
        id = this.pairs.get(key)
        if (id === undefined) this.pairs.set(key, id = this.id(value.slice(a, b)))
        return this.hit(id)
      }
    }
    var terms = this.pipe(value.slice(a, b).toLowerCase())
    for (var k = 0; k < terms.length; k++) this.hit(this.id(terms[k]))
  }

  /* Every token of a field value, as material's tokenizer cuts it (markup skipped). */
  State.prototype.scan = function (value) {
    var inputs = Array.isArray(value) ? value : [value], self = this, isSep = this.isSep
    for (var i = 0; i < inputs.length; i++) {
      var input = String(inputs[i])
      if (isSep === null) {  /* any other separator: split as material does */
        extract(input, function (block, type, start, end) {
          if (type !== 1) return
          var section = input.slice(start, end), sep = new RegExp(self.sep.source, "g"), at = 0, m
          do {
            m = sep.exec(section)
            var until = m ? m.index : section.length
            if (at < until) self.token(section, at, until)
            if (m) { at = m.index + m[0].length; if (!m[0].length) sep.lastIndex = m.index + 1 }
          } while (m)
        })
        continue
      }
      if (input.indexOf("<") < 0 && input.indexOf(">") < 0) this.text(input, 0, input.length)
      else extract(input, function (block, type, start, end) { if (type === 1) self.text(input, start, end) })
    }
  }

  State.prototype.text = function (input, start, end) {
    var isSep = this.isSep, a = -1
    for (var j = start; j < end; j++) {
      if (isSep[input.charCodeAt(j)] === 1) {
        if (a >= 0) { this.token(input, a, j); a = -1 }
      } else if (a < 0) a = j
    }
    if (a >= 0) this.token(input, a, end)
  }

  State.prototype.add = function (doc, attributes) {
    var b = this.builder, d = this.refs.length
    this.refs.push(doc[b._ref])
    this.docBoost.push((attributes && attributes.boost) || 1)
    this.docs.push(doc)
    for (var f = 0; f < this.fields.length; f++) {
      /* material's extractor (which registers the field's position table) is called when
         the document is first found (SdIndex#tokens); until then the field is read as is */
      var value = doc[this.fields[f]]
      this.n = 0
      if (value !== undefined && value !== null) this.scan(value)
      this.lengths[f].push(this.n)
      var post = this.post[f], touched = this.touched, counts = this.counts
      for (var i = 0; i < touched.length; i++) {
        var id = touched[i]
        ;(post[id] || (post[id] = [])).push(d, counts[id])
        counts[id] = 0
        this.df[id] += 1
      }
      touched.length = 0
    }
  }

  function isHan(c) {  /* CJK ideographs: no case, one token per character or pair */
    return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)
  }

  function SdIndex(st) {
    var b = st.builder, n = st.refs.length
    this.fields = st.fields
    this.refs = st.refs
    this.st = st
    this.tokenizer = b.tokenizer
    this.searchPipeline = b.searchPipeline
    this.k1 = b._k1
    this.b = b._b
    this.fieldBoost = st.fields.map(function (name) { return b._fields[name].boost || 1 })
    this.avg = st.lengths.map(function (ls) {
      var s = 0
      for (var i = 0; i < ls.length; i++) s += ls[i]
      return n ? s / n : 0
    })
    this.idf = st.df.map(function (df) {
      return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)))
    })
    this.sorted = st.terms.slice().sort()
    this.pos = st.fields.map(function () { return new Map() })
    /* material segments Han queries with `value in index.invertedIndex` */
    var inv = Object.create(null)
    st.terms.forEach(function (t, i) { inv[t] = { _index: i } })
    this.invertedIndex = inv
    /* material's document map: a location whose page came before is a section of it */
    var pages = new Map()
    this.page = []
    this.isSection = st.refs.map(function (ref, d) {
      var path = String(ref).split("#")[0]
      var first = pages.get(path)
      if (first === undefined) pages.set(path, first = d)
      this.page.push(first)
      return first !== d
    }, this)
    this._pairs = null
    this._tokenSet = null
    st.single = st.pairs = st.counts = null
  }

  /* Two-character Han tokens of the index (the worker cuts queries with them). */
  SdIndex.prototype.hanPairs = function () {
    if (!this._pairs) {
      var pairs = this._pairs = new Set()
      this.st.terms.forEach(function (t) {
        if (t.length === 2 && HAN.test(t[0]) && HAN.test(t[1])) pairs.add(t)
      })
    }
    return this._pairs
  }

  /* lunr's field vector weight of a term in a doc's field (rounded as lunr does). */
  SdIndex.prototype.weight = function (f, id, d, tf) {
    var len = this.st.lengths[f][d], avg = this.avg[f]
    var norm = this.k1 * (1 - this.b + this.b * (avg ? len / avg : 0)) + tf
    var score = this.idf[id] * ((this.k1 + 1) * tf) / norm * this.fieldBoost[f] * this.st.docBoost[d]
    return Math.round(score * 1000) / 1000
  }

  /* Term ids a clause term matches: exact, prefix (trailing *), else lunr's token set. */
  SdIndex.prototype.expand = function (clause) {
    var term = clause.term, ids = this.st.ids
    if (!("editDistance" in clause)) {
      if (term.indexOf("*") < 0) return ids.has(term) ? [ids.get(term)] : []
      var stem = term.replace(/\*+$/, "")
      if (stem.indexOf("*") < 0) {
        var a = this.sorted, lo = 0, hi = a.length, out = []
        while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < stem) lo = mid + 1; else hi = mid }
        for (var i = lo; i < a.length && a[i].startsWith(stem); i++) out.push(ids.get(a[i]))
        return out
      }
    }
    if (!this._tokenSet) this._tokenSet = L.TokenSet.fromArray(this.sorted)
    return this._tokenSet.intersect(L.TokenSet.fromClause(clause)).toArray()
      .map(function (t) { return ids.get(t) })
  }

  /* lunr.Index#query over lunr.Query clauses: the same matching and scoring, without
     match metadata. Returns [{doc, score, match: Map(field → Map(termId → tf))}]. First the
     clauses (query vectors, required and prohibited documents), then the postings of the
     matched terms, for the documents that qualify only. */
  SdIndex.prototype.evaluate = function (clauses) {
    var P = L.Query.presence, F = this.fields, st = this.st, self = this
    var fi = {}
    F.forEach(function (name, i) { fi[name] = i })
    var qv = F.map(function () { return new Map() })
    var required = {}, prohibited = {}, scan = [], seen = new Set()
    clauses.forEach(function (clause) {
      var terms = clause.usePipeline
        ? self.searchPipeline.runString(clause.term, { fields: clause.fields })
        : [clause.term]
      var clauseMatches = new Set()
      for (var m = 0; m < terms.length; m++) {
        var expanded = self.expand(Object.assign({}, clause, { term: terms[m] }))
        if (expanded.length === 0 && clause.presence === P.REQUIRED) {
          clause.fields.forEach(function (field) { required[field] = new Set() })
          break
        }
        expanded.forEach(function (id) {
          clause.fields.forEach(function (field) {
            var f = fi[field]
            if (f === undefined) return
            var post = st.post[f][id] || []
            if (clause.presence === P.REQUIRED) {
              for (var i = 0; i < post.length; i += 2) clauseMatches.add(post[i])
              if (required[field] === undefined) required[field] = null  /* complete */
            }
            if (clause.presence === P.PROHIBITED) {
              var s = prohibited[field] || (prohibited[field] = new Set())
              for (var j = 0; j < post.length; j += 2) s.add(post[j])
              return
            }
            qv[f].set(id, (qv[f].get(id) || 0) + clause.boost)
            var key = id * F.length + f
            if (!seen.has(key)) { seen.add(key); scan.push(f, id) }
          })
        })
      }
      if (clause.presence === P.REQUIRED) {
        clause.fields.forEach(function (field) {
          required[field] = intersect(required[field], clauseMatches)
        })
      }
    })
    var all = null, none = new Set()
    F.forEach(function (field) {
      if (required[field] !== undefined) all = intersect(all, required[field])
      if (prohibited[field]) prohibited[field].forEach(function (d) { none.add(d) })
    })
    var matching = new Map()  /* doc → Map(field → Map(termId → tf)), in lunr's order */
    for (var k = 0; k < scan.length; k += 2) {
      var f = scan[k], id = scan[k + 1], post = st.post[f][id] || []
      for (var i = 0; i < post.length; i += 2) {
        var d = post[i]
        if ((all && !all.has(d)) || none.has(d)) continue
        var md = matching.get(d)
        if (!md) matching.set(d, md = new Map())
        var mf = md.get(f)
        if (!mf) md.set(f, mf = new Map())
        mf.set(id, post[i + 1])
      }
    }
    if (clauses.length && clauses.every(function (c) { return c.presence === P.PROHIBITED })) {
      for (var n = 0; n < this.refs.length; n++) if (!matching.has(n) && !none.has(n)) matching.set(n, new Map())
    }
    var mag = qv.map(function (v) {
      var sum = 0
      v.forEach(function (w) { sum += w * w })
      return Math.sqrt(sum)
    })
    var results = []
    matching.forEach(function (md, d) {
      var score = 0
      md.forEach(function (terms, f) {
        var dot = 0
        terms.forEach(function (tf, id) { dot += qv[f].get(id) * self.weight(f, id, d, tf) })
        score += dot / mag[f] || 0
      })
      results.push({ doc: d, score: score, match: md })
    })
    return results.sort(function (a, b) { return b.score - a.score })
  }

  function intersect(a, b) {  /* null is lunr.Set.complete */
    if (a === null || a === undefined) return b
    if (b === null || b === undefined) return a
    var out = new Set()
    a.forEach(function (x) { if (b.has(x)) out.add(x) })
    return out
  }

  SdIndex.prototype.combine = function (into, from) {
    from.forEach(function (terms, f) {
      var t = into.get(f)
      if (!t) into.set(f, t = new Map())
      terms.forEach(function (tf, id) { t.set(id, tf) })
    })
  }

  /* Positions of the given term ids in a doc's field: [termId → [position]]. The first
     call fills the position table material highlights with, as its tokenizer does (once:
     the table is appended to), and keeps every token's term id and position. This is
     material's tokenize (integrations/search/internal/tokenize, extract, split; MIT)
     without a lunr.Token per token, which made it the slowest part of a query. */
  SdIndex.prototype.positions = function (f, d, wanted) {
    var toks = this.pos[f].get(d)
    if (!toks) {
      toks = this.tokens(f, d)
      this.pos[f].set(d, toks)
    }
    var map = new Map()
    for (var i = 0; i < toks.length; i += 2) {
      if (!wanted.has(toks[i])) continue
      var list = map.get(toks[i])
      if (!list) map.set(toks[i], list = [])
      list.push(toks[i + 1])
    }
    return map
  }

  /* [termId, position, ...] of a doc's field; fills its position table. */
  SdIndex.prototype.tokens = function (f, d) {
    var out = [], st = this.st, doc = st.docs[d], ex = st.builder._fields[this.fields[f]].extractor
    var value = ex ? ex(doc) : doc[this.fields[f]]
    if (value === undefined || value === null) return out
    var table = ex ? L.tokenizer.table : []  /* just registered by material's extractor */
    function add(raw, position) {
      var terms = st.pipe(raw)
      for (var k = 0; k < terms.length; k++) {
        var id = st.ids.get(terms[k])
        if (id !== undefined) out.push(id, position)
      }
    }
    if (L.segmenter !== undefined) {  /* material's Japanese segmenter: its own tokenizer */
      var saved = L.tokenizer.table
      L.tokenizer.table = table
      this.tokenizer(value, { fields: [this.fields[f]] }).forEach(function (token) {
        add(token.toString(), token.metadata.position)
      })
      L.tokenizer.table = saved
      return out
    }
    var sep = new RegExp(L.tokenizer.separator.source, "g")
    var inputs = Array.isArray(value) ? value : [value]
    for (var i = 0; i < inputs.length; i++) {
      var input = String(inputs[i]), total = table.length
      extract(input, function (block, type, start, end) {
        block += total
        var row = table[block] || (table[block] = [])
        if (type !== 1) { row.push(start << 12 | end - start << 2 | type); return }
        var section = input.slice(start, end), at = 0, m
        sep.lastIndex = 0
        do {
          m = sep.exec(section)
          var until = m ? m.index : section.length
          if (at < until) {
            row.push(start + at << 12 | until - at << 2 | type)
            add(section.slice(at, until).toLowerCase(), block << 20 | row.length - 1)
          }
          if (m) {
            at = m.index + m[0].length
            if (m[0].length === 0) sep.lastIndex = m.index + 1
          }
        } while (m)
      })
    }
    return out
  }

  /* material's extract (MIT): markup and text blocks of a field value. */
  function extract(input, fn) {
    var block = 0, start = 0, end = 0
    for (var stack = 0; end < input.length; end++) {
      var c = input.charCodeAt(end)
      if (c === 60 /* < */ && end > start) {
        fn(block, 1, start, start = end)
      } else if (c === 62 /* > */) {
        if (input.charCodeAt(start + 1) === 47 /* / */) {
          if (--stack === 0) fn(block++, 2, start, end + 1)
        } else if (input.charCodeAt(end - 1) !== 47) {
          if (stack++ === 0) fn(block, 0, start, end + 1)
        }
        start = end + 1
      }
    }
    if (end > start) fn(block, 1, start, end)
  }

  /* At most MARKS positions per block of a field (the first ones). material marks every
     position of the (up to two) blocks it shows with one copy of the block each: a listing
     page matching a query hundreds of times took most of a query's time, for marks far
     below what the result's teaser shows. */
  var MARKS = 50
  function capped(pos) {
    var all = []
    pos.forEach(function (list) { for (var i = 0; i < list.length; i++) all.push(list[i]) })
    if (all.length <= MARKS) return pos
    all.sort(function (a, b) { return a - b })
    var keep = new Set(), block = null, n = 0
    for (var i = 0; i < all.length; i++) {
      var b = all[i] >>> 20
      if (b !== block) { block = b; n = 0 }
      if (n++ < MARKS) keep.add(all[i])
    }
    var out = new Map()
    pos.forEach(function (list, id) { out.set(id, list.filter(function (p) { return keep.has(p) })) })
    return out
  }

  /* A lunr-style result ({ref, score, matchData.metadata[term][field].position}). */
  SdIndex.prototype.result = function (r, highlight) {
    var metadata = Object.create(null), self = this
    r.match.forEach(function (terms, f) {
      var field = self.fields[f], pos = highlight ? capped(self.positions(f, r.doc, terms)) : new Map()
      terms.forEach(function (tf, id) {
        var term = self.st.terms[id]
        var m = metadata[term] || (metadata[term] = Object.create(null))
        m[field] = { position: pos.get(id) || [] }
      })
    })
    return { ref: this.refs[r.doc], score: r.score, matchData: { metadata: metadata } }
  }

  SdIndex.prototype.query = function (fn) {
    var query = new L.Query(this.fields)
    fn.call(query, query)
    var self = this
    return this.evaluate(query.clauses).map(function (r) { return self.result(r, true) })
  }

  SdIndex.prototype.search = function (queryString) {
    if (plan) {
      run()
      return plan.results
    }
    return this.query(function (query) { new L.QueryParser(queryString, query).parse() })
  }

  function patch(lunr) {
    lunr.Builder.prototype.add = function (doc, attributes) {
      ;(this._sd || (this._sd = new State(this))).add(doc, attributes)
    }
    lunr.Builder.prototype.build = function () {
      IDX = new SdIndex(this._sd || new State(this))
      return IDX
    }
    /* material analyses the clauses of its own (segmented) query to mark missing
       terms and boost complete matches; give it ours instead */
    var parse = lunr.QueryParser.prototype.parse
    lunr.QueryParser.prototype.parse = function () {
      if (!plan) return parse.call(this)
      run()
      var query = this.query
      plan.terms.forEach(function (c) {
        query.clauses.push({ term: c.term, fields: query.allFields, presence: lunr.Query.presence.OPTIONAL,
          wildcard: lunr.Query.wildcard.NONE, usePipeline: false, boost: 1 })
      })
      return query
    }
  }

  /* ---- messages ---------------------------------------------------------------------- */

  /* Registered before the stock worker's listener, so it can hold back the setup message
     (the page's stub) until this worker's own index is here, then hand it on. */
  self.addEventListener("message", function (ev) {
    var m = ev.data || {}
    if (m.type === 0 && !m.sd) {
      ev.stopImmediatePropagation()
      INDEX.then(function (index) {
        return Object.assign({}, m.data, { config: index.config, docs: index.docs })
      }, function (err) {
        console.warn("sd-search: no index for " + LANG + ", search finds nothing", err)
        return m.data
      }).then(function (data) {
        if (data && data.config) setup(data.config)
        self.dispatchEvent(new MessageEvent("message", { data: { type: 0, sd: true, data: data } }))
      })
    } else if (m.type === 2) {
      plan = { raw: String(m.data || ""), terms: null, results: null }
    }
  })

  var post = self.postMessage.bind(self)
  self.postMessage = function (msg) {
    if (msg && msg.type === 3) plan = null
    return post.apply(self, arguments)
  }

  Object.defineProperty(self, "lunr", {
    configurable: true,
    get: function () { return L },
    set: function (v) { L = v; try { patch(v) } catch (e) { console.warn("sd-search: patch failed", e) } }
  })

  importScripts(STOCK)
})()
