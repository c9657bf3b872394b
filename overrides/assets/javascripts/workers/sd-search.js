/*
 * Site search worker: a thin wrapper around mkdocs-material's own search worker
 * (same lunr index, same messages, same result UI). Loaded instead of the stock
 * worker because scripts/search_hooks.py points every page's __config at
 *   sd-search.js?lang=<zh|en>&w=<stock worker file name>
 * What it changes (the index itself is prepared at build time by notices.search):
 *  1. queries: NFKC, traditional → simplified (OpenCC table shipped in the index),
 *     synonyms / acronyms (data/search/synonyms.yaml + registry `abbr`), Chinese cut
 *     by forward and backward maximum matching over the two-character tokens of the
 *     index (the build cuts the text the same way), every token required (AND), the
 *     last one a prefix; identifiers (文号, 索引号) also matched whole in `keys`;
 *  2. results: groups in the reader's language (from ?lang=) come first.
 * It does so by patching lunr (Index#search, QueryParser#parse) when the stock
 * worker publishes it as self.lunr, and by wrapping postMessage.
 */
(function () {
  "use strict"
  var params = new URL(self.location.href).searchParams
  var LANG = params.get("lang") === "en" ? "en" : "zh"
  var STOCK = params.get("w") || ""
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(STOCK)) throw new Error("sd-search: bad stock worker name")

  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]/
  var HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+/g
  var sd = { t2s: {}, syn: {}, sep: null }
  var plan = null

  function setup(config) {
    var t = (config.sd && config.sd.t2s) || ""
    var chars = Array.from(t)
    sd.t2s = {}
    for (var i = 0; i + 1 < chars.length; i += 2) sd.t2s[chars[i]] = chars[i + 1]
    sd.syn = (config.sd && config.sd.syn) || {}
    sd.sep = new RegExp(config.separator, "g")
    sd.vocab = null
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
    if (!sd.vocab) {
      sd.vocab = new Set()
      Object.keys(index.invertedIndex).forEach(function (t) {
        if (t.length === 2 && HAN.test(t[0]) && HAN.test(t[1])) sd.vocab.add(t)
      })
    }
    var q = normalize(raw).trim()
    if (!q) return null
    var queries = []
    alternatives(q).forEach(function (alt, n) {
      tokenLists(alt, sd.vocab).forEach(function (tokens) {
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

  var IDX = null

  /* Run the plan once per query: material parses its query (for the missing-terms
     display) before it searches, so whichever comes first runs ours. */
  function run(lunr) {
    if (plan.results) return
    var queries = IDX ? buildPlan(plan.raw, IDX, lunr) || [] : []
    var merged = new Map()
    var terms = null
    queries.forEach(function (q) {
      var res = IDX.query(function (builder) {
        q.clauses.forEach(function (c) { builder.clause(Object.assign({}, c, { fields: c.fields.slice() })) })
      })
      if (res.length && !terms && q.clauses[0].fields.length > 1) terms = q.clauses
      res.forEach(function (r) {
        var prev = merged.get(r.ref)
        if (!prev) merged.set(r.ref, { ref: r.ref, score: r.score * (q.primary ? 1 : 0.8), matchData: r.matchData })
        else {
          prev.score = Math.max(prev.score, r.score * (q.primary ? 1 : 0.8))
          prev.matchData.combine(r.matchData)
        }
      })
    })
    plan.terms = terms || (queries[0] ? queries[0].clauses : [])
    plan.results = Array.from(merged.values()).sort(function (a, b) { return b.score - a.score })
  }

  function patch(lunr) {
    var build = lunr.Builder.prototype.build
    lunr.Builder.prototype.build = function () {
      IDX = build.apply(this, arguments)
      return IDX
    }
    var search = lunr.Index.prototype.search
    lunr.Index.prototype.search = function (queryString) {
      if (!plan || this !== IDX) return search.call(this, queryString)
      run(lunr)
      return plan.results
    }
    /* material analyses the clauses of its own (segmented) query to mark missing
       terms and boost complete matches; give it ours instead */
    var parse = lunr.QueryParser.prototype.parse
    lunr.QueryParser.prototype.parse = function () {
      if (!plan) return parse.call(this)
      run(lunr)
      var query = this.query
      plan.terms.forEach(function (c) {
        query.clauses.push({ term: c.term, fields: query.allFields, presence: lunr.Query.presence.OPTIONAL,
          wildcard: lunr.Query.wildcard.NONE, usePipeline: false, boost: 1 })
      })
      return query
    }
  }

  /* Order result groups: the reader's language first, stable otherwise. */
  function langOf(location) { return /^en\//.test(location) || location === "en/" ? "en" : "zh" }
  function reorder(items) {
    var mine = [], other = []
    items.forEach(function (group) {
      var loc = (group[0] && group[0].location) || ""
      ;(langOf(loc) === LANG ? mine : other).push(group)
    })
    return mine.concat(other)
  }

  self.addEventListener("message", function (ev) {
    var m = ev.data || {}
    if (m.type === 0 && m.data && m.data.config) setup(m.data.config)
    else if (m.type === 2) plan = { raw: String(m.data || ""), terms: null, results: null }
  })

  var post = self.postMessage.bind(self)
  self.postMessage = function (msg) {
    if (msg && msg.type === 3 && msg.data && Array.isArray(msg.data.items)) {
      msg.data.items = reorder(msg.data.items)
      plan = null
    }
    return post.apply(self, arguments)
  }

  var L
  Object.defineProperty(self, "lunr", {
    configurable: true,
    get: function () { return L },
    set: function (v) { L = v; try { patch(v) } catch (e) { console.warn("sd-search: patch failed", e) } }
  })

  importScripts(STOCK)
})()
