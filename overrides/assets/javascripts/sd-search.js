/*
 * The site's search: the box of partials/search.html (the theme's markup and styles), the index
 * notices.search writes from the data into search/<language>/ (src/notices/search/: meta.json,
 * s/<n>.json shards of terms, d/<n>.json documents, x/<n>.json.gz texts). Self-contained: it reads only its own elements and files, and
 * touches nothing of the page's globals or the theme's scripts.
 *
 * Nothing is fetched until the reader uses search (focus in the box, the search toggle on a
 * phone, or the keys / s f); then meta.json, and for each query only the shards of its terms
 * and the documents shown. Terms are made as the index makes them (src/notices/search/text.py):
 * NFKC, lower case, traditional → simplified, Chinese runs as character pairs (a single
 * character, and words of letters and digits, match as prefixes), a run of three or more
 * characters also as a word (jieba's words in the index rank higher). A document must hold
 * every term of a part of the query (the parts are split by spaces; each part, or any of its
 * expansions, e.g. SAMR → 市场监管总局); the query written without separators that equals a
 * document's key (文号, 索引号, a name) puts that document first.
 */
(function () {
  "use strict"
  var root = document.querySelector("[data-sd-search]")
  if (!root || !window.fetch) return
  var form = root.querySelector("form"), input = root.querySelector("input")
  var meta = root.querySelector(".md-search-result__meta"), list = root.querySelector(".md-search-result__list")
  var scroll = root.querySelector(".md-search__scrollwrap"), toggle = document.getElementById("__search")
  var base = new URL(root.getAttribute("data-sd-index"), location.href)
  var home = new URL(root.getAttribute("data-sd-root") || "/", location.href)  /* the documents' URLs start here */
  var TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+|[a-z0-9]+/g
  var HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]+$/
  var STOP = " a an and are as at be by for from in is it of on or the to with "
  var PAGE = 10, files = {}, index = null, seq = 0, ranked = [], shown = 0, current = ""

  function text(name) { return root.getAttribute("data-sd-" + name) || "" }

  function get(path) {
    if (!files[path]) files[path] = fetch(new URL(path, base).href).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status)
      return r.json()
    })
    return files[path]
  }

  /* A document's text, stored gzipped (x/<n>.json.gz): decompressed here, or already by the
   * browser when the host sends it with Content-Encoding: gzip. Without DecompressionStream
   * (Safari before 16.4) the result shows no excerpt. */
  function fullText(doc) {
    var path = "x/" + doc + ".json.gz"
    if (!files[path]) files[path] = fetch(new URL(path, base).href).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status)
      return r.arrayBuffer()
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer)
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes)
      if (!window.DecompressionStream) return "\"\""
      return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
    }).then(JSON.parse).catch(function () { return "" })
    return files[path]
  }

  function load() {
    if (!index) index = get("meta.json").then(function (m) {
      m.t2sMap = {}
      for (var i = 0; i + 1 < m.t2s.length; i += 2) m.t2sMap[m.t2s[i]] = m.t2s[i + 1]
      m.postings = {}
      return m
    })
    return index
  }

  function normalise(s, m) {
    s = s.normalize("NFKC").toLowerCase()
    return s.replace(/./gu, function (c) { return m.t2sMap[c] || c })
  }
  function compact(s, m) { return (normalise(s, m).match(TOKEN) || []).join("") }

  function fnv1a(s) {
    var h = 0x811c9dc5
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0 }
    return h >>> 0
  }
  function shardOf(term, m) { return fnv1a(HAN.test(term) ? term[0] : term.slice(0, 2)) % m.shards }

  /* The terms of one alternative: [{term, prefix}] that must all match, and an optional word. */
  function terms(s) {
    var out = [], word = null, tokens = s.match(TOKEN) || []
    var words = tokens.filter(function (t) { return HAN.test(t) || STOP.indexOf(" " + t + " ") < 0 })
    if (!words.length) words = tokens
    words.forEach(function (t) {
      if (HAN.test(t)) {
        if (t.length === 1) out.push({ term: t, prefix: true })
        for (var i = 0; i + 1 < t.length; i++) out.push({ term: t.slice(i, i + 2), prefix: false })
        if (t.length >= 3 && !word) word = t
      } else out.push({ term: t, prefix: t.length >= 2 })
    })
    return { need: out, word: word }
  }

  /* doc → value (2 × occurrences + 1 in the names) of a term, or of every term it begins */
  function postings(m, t) {
    var key = (t.prefix ? "^" : "=") + t.term
    if (m.postings[key]) return Promise.resolve(m.postings[key])
    return get("s/" + shardOf(t.term, m) + ".json").then(function (shard) {
      var found = new Map()
      /* a prefix looks at every term of the shard; a pair, only at itself */
      var candidates = t.prefix ? Object.keys(shard.t) : (shard.t[t.term] ? [t.term] : [])
      candidates.forEach(function (term) {
        if (term !== t.term && !(t.prefix && term.lastIndexOf(t.term, 0) === 0)) return
        var flat = shard.t[term], doc = 0
        for (var i = 0; i < flat.length; i += 2) {
          doc += flat[i]
          var v = flat[i + 1], had = found.get(doc) || 0
          found.set(doc, (((had >> 1) + (v >> 1)) << 1) | (had & 1) | (v & 1))
        }
      })
      return (m.postings[key] = found)
    })
  }

  function keyDocs(m, key) {
    if (!key) return Promise.resolve([])
    return get("s/" + shardOf(key, m) + ".json").then(function (shard) {
      var gaps = shard.k[key] || [], doc = 0
      return gaps.map(function (g) { return (doc += g) })
    })
  }

  function score(m, p, doc, cover) {
    var v = p.get(doc), tf = v >> 1, idf = Math.log(1 + m.docs / p.size)
    return idf * (tf / (tf + 2) + ((v & 1) ? 3 * cover : 0))
  }

  /* Ranked document numbers for a query. */
  function rank(m, raw) {
    var q = normalise(raw, m).trim(), parts = q.split(/\s+/).filter(Boolean)
    var whole = compact(q, m), cover = whole.length
    var groups = parts.map(function (part) {
      var alts = [part].concat((m.syn[part] || []).map(function (s) { return normalise(s, m) }))
      return alts.map(terms).filter(function (a) { return a.need.length })
    }).filter(function (g) { return g.length })
    var wanted = []
    groups.forEach(function (g) { g.forEach(function (a) {
      wanted = wanted.concat(a.need)
      if (a.word) wanted.push({ term: a.word, prefix: false })
    }) })
    var keys = [whole].concat(parts.length > 1 ? parts.map(function (p) { return compact(p, m) }) : [])
    return Promise.all([Promise.all(wanted.map(function (t) { return postings(m, t) })),
                        Promise.all(keys.map(function (k) { return keyDocs(m, k) }))]).then(function (got) {
      var found = got[0], at = 0, total = null
      groups.forEach(function (g) {
        var part = new Map()
        g.forEach(function (a) {
          var need = found.slice(at, at += a.need.length), word = a.word ? found[at++] : null
          var smallest = need.slice().sort(function (x, y) { return x.size - y.size })[0]
          smallest.forEach(function (_, doc) {
            if (!need.every(function (p) { return p.has(doc) })) return
            var s = need.reduce(function (sum, p) { return sum + score(m, p, doc, Math.min(1, cover / m.len[doc])) }, 0)
            if (word && word.has(doc)) s += score(m, word, doc, 1)
            if (!(part.get(doc) >= s)) part.set(doc, s)
          })
        })
        if (total === null) total = part
        else {
          var both = new Map()
          total.forEach(function (s, doc) { if (part.has(doc)) both.set(doc, s + part.get(doc)) })
          total = both
        }
      })
      total = total || new Map()
      total.forEach(function (s, doc) { total.set(doc, s * m.boost[doc] / 10) })
      got[1].forEach(function (docs, i) {
        docs.forEach(function (doc) { total.set(doc, (total.get(doc) || 0) + (i === 0 ? 1000 : 100)) })
      })
      return Array.from(total.keys()).sort(function (a, b) { return total.get(b) - total.get(a) || a - b })
    })
  }

  /* The parts of `s` that match the query, marked (text nodes only: never parsed as HTML). */
  function marked(s, pattern) {
    var el = document.createDocumentFragment(), last = 0
    if (pattern) s.replace(pattern, function (hit, offset) {
      el.appendChild(document.createTextNode(s.slice(last, offset)))
      var mark = document.createElement("mark")
      mark.textContent = hit
      el.appendChild(mark)
      last = offset + hit.length
      return hit
    })
    el.appendChild(document.createTextNode(s.slice(last)))
    return el
  }

  function highlighter(raw, m) {
    var words = ((raw.normalize("NFKC").toLowerCase() + " " + normalise(raw, m)).match(TOKEN) || []).filter(function (t) {
      return HAN.test(t) || t.length > 1
    })
    words.slice().forEach(function (t) {
      if (HAN.test(t)) for (var i = 0; i + 2 < t.length + 1 && t.length > 2; i++) words.push(t.slice(i, i + 2))
    })
    if (!words.length) return null
    words.sort(function (a, b) { return b.length - a.length })
    return new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") }).join("|"), "gi")
  }

  /* Where a text holds the query: about 150 characters around its first hit. */
  function snippet(s, pattern) {
    if (!pattern) return ""
    pattern.lastIndex = 0
    var hit = pattern.exec(s.replace(/\s+/g, " "))
    if (!hit) return ""
    s = s.replace(/\s+/g, " ")
    var from = Math.max(0, hit.index - 40)
    return (from > 0 ? "…" : "") + s.slice(from, from + 150) + (from + 150 < s.length ? "…" : "")
  }

  function item(doc, pattern, full) {
    var li = document.createElement("li"), a = document.createElement("a")
    var article = document.createElement("article"), h = document.createElement("h1")
    li.className = "md-search-result__item"
    a.className = "md-search-result__link"
    a.href = new URL(doc[0], home).href
    article.className = "md-search-result__article md-search-result__article--document md-typeset"
    h.appendChild(marked(doc[1], pattern))
    article.appendChild(h)
    var lines = [doc[2], full && snippet(full, pattern)]
    lines.forEach(function (line) {
      if (!line) return
      var p = document.createElement("p")
      p.appendChild(marked(line, pattern))
      article.appendChild(p)
    })
    a.appendChild(article)
    li.appendChild(a)
    return li
  }

  function more(m, run) {
    var next = ranked.slice(shown, shown + PAGE)
    if (!next.length) return Promise.resolve()
    shown += next.length
    return Promise.all(next.map(function (doc) {
      return get("d/" + Math.floor(doc / m.chunk) + ".json").then(function (chunk) {
        var entry = chunk[doc % m.chunk]
        return entry[4] ? fullText(doc).then(function (full) { return [entry, full] }) : [entry, ""]
      })
    })).then(function (docs) {
      if (run !== seq) return
      var pattern = highlighter(current, m)
      docs.forEach(function (d) { list.appendChild(item(d[0], pattern, d[1])) })
    })
  }

  function count(n) {
    return n === 0 ? text("none") : n === 1 ? text("one") : text("other").replace("#", n)
  }

  function run() {
    var query = input.value, mine = ++seq
    if (!query.trim()) {
      list.textContent = ""
      meta.textContent = text("placeholder")
      return
    }
    load().then(function (m) {
      return rank(m, query).then(function (docs) {
        if (mine !== seq) return
        ranked = docs
        shown = 0
        current = query
        var first = docs.slice(0, PAGE)
        /* fetch what the first results need before the list changes, so it changes once */
        return Promise.all(first.map(function (d) { return get("d/" + Math.floor(d / m.chunk) + ".json") }))
          .then(function () {
            if (mine !== seq) return
            list.textContent = ""
            meta.textContent = count(docs.length)
            return more(m, mine)
          })
      })
    }).catch(function (e) {
      if (mine === seq) meta.textContent = text("none")
      if (window.console) console.error("search:", e)
    })
  }

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true
    load().catch(function () {})
  }
  function close() {
    if (toggle) toggle.checked = false
    input.blur()
  }
  function links() { return Array.from(list.querySelectorAll("a")) }

  meta.textContent = text("placeholder")
  input.addEventListener("focus", open)
  input.addEventListener("input", run)
  input.addEventListener("keyup", function () { if (input.value !== current || !input.value) run() })
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); load().catch(function () {}) } })
  form.addEventListener("submit", function (ev) {
    ev.preventDefault()
    var first = links()[0]
    if (first) location.href = first.href
  })
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus() })
  })
  root.addEventListener("keydown", function (ev) {
    var all = links(), at = all.indexOf(document.activeElement)
    if (ev.key === "Escape") { ev.preventDefault(); close() }
    else if (ev.key === "ArrowDown" && all.length) { ev.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus() }
    else if (ev.key === "ArrowUp" && at >= 0) { ev.preventDefault(); (at === 0 ? input : all[at - 1]).focus() }
  })
  document.addEventListener("keydown", function (ev) {
    var el = ev.target
    if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.isComposing) return
    if (el && (el.isContentEditable || /^(input|select|textarea)$/i.test(el.tagName))) return
    if (ev.key === "/" || ev.key === "s" || ev.key === "f") {
      ev.preventDefault()
      open()
      input.focus()
      input.select()
    }
  })
  scroll.addEventListener("scroll", function () {
    if (scroll.scrollTop + scroll.clientHeight >= scroll.scrollHeight - 16 && shown < ranked.length && index)
      index.then(function (m) { return more(m, seq) })
  })
  /* the reader may have been quicker than this deferred script */
  if (document.activeElement === input || (toggle && toggle.checked)) { open(); if (input.value) run() }
  /* words sent from elsewhere (the 404 page's search box sends <home>?q=…) open search with them */
  var asked = new URLSearchParams(location.search).get("q")
  if (asked && !input.value) { input.value = asked; open(); input.focus(); run() }
})()
