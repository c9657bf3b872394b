/*
 * Search loads on first use. material's bundle creates the search worker and requests
 * search/search_index.json as soon as it runs, on every page. This script, loaded with `defer`
 * just before the bundle (overrides/main.html, block scripts: deferred scripts run in document
 * order), holds both back until the reader first uses search: focus in the search box (which
 * the keyboard shortcuts and the search icon also give) or opening the search toggle. Then the
 * worker (sd-search.js, which fetches the reader's language's index itself) is created and the
 * held request (a config-only stub) is sent. Until the worker is ready material shows its usual
 * "initializing" message, then runs the query typed meanwhile.
 */
(function () {
  "use strict"
  var used = false, held = [], X = XMLHttpRequest.prototype, open = X.open, send = X.send, W = window.Worker
  function use() {
    if (used) return
    used = true
    held.splice(0).forEach(function (f) { f() })
  }
  X.open = function (method, url) {
    this.sdHold = /\/search\/search_index\.json$/.test(String(url).split("?")[0])
    return open.apply(this, arguments)
  }
  X.send = function () {
    var xhr = this, args = arguments
    if (xhr.sdHold && !used) return void held.push(function () { send.apply(xhr, args) })
    return send.apply(xhr, args)
  }
  if (W) window.Worker = function (url, options) {
    if (!/\/sd-search\.js(\?|$)/.test(String(url))) return new W(url, options)
    var proxy = new EventTarget(), worker = null, queue = []
    function start() {
      worker = new W(url, options)
      worker.addEventListener("message", function (ev) {
        proxy.dispatchEvent(new MessageEvent("message", { data: ev.data }))
      })
      queue.splice(0).forEach(function (m) { worker.postMessage(m) })
    }
    proxy.postMessage = function (m) { worker ? worker.postMessage(m) : queue.push(m) }
    proxy.terminate = function () { if (worker) worker.terminate() }
    used ? start() : held.unshift(start)  /* the worker first: it fetches the index */
    return proxy
  }
  function isQuery(el) { return !!(el && el.matches && el.matches("[data-md-component=search-query]")) }
  document.addEventListener("focusin", function (ev) { if (isQuery(ev.target)) use() }, true)
  document.addEventListener("change", function (ev) {
    if (ev.target.id === "__search" && ev.target.checked) use()
  }, true)
  /* deferred: the reader may have been quicker than this script */
  var toggle = document.getElementById("__search")
  if (isQuery(document.activeElement) || (toggle && toggle.checked)) use()
})()
