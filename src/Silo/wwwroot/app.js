// The dashboard: one unit at a time, its breadcrumb, live totals over server-sent events, drill-down.
// Every text from the server goes through textContent, never innerHTML.
(function () {
  "use strict";
  const FIELDS = ["economy", "culture_society", "defense_security", "political_system"];
  const FIELD_COLORS = ["#c0392b", "#d68910", "#1e8449", "#2471a3"];
  const AWARDS = ["commune", "district", "province", "national"];
  const PAGE = 20;
  const state = { lang: localStorage.getItem("dvk.lang") || "vi", code: "VN", unit: null, account: null,
    source: null, childrenOffset: 0, modelsOffset: 0, refreshTimer: null, totals: {} };
  const $ = id => document.getElementById(id);
  const t = key => (DVK_TEXT[state.lang] || DVK_TEXT.vi)[key] || key;

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }
  const fmt = n => Number(n || 0).toLocaleString(state.lang === "vi" ? "vi-VN" : "en-GB");

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ credentials: "same-origin", headers: { "Accept": "application/json" } }, options));
    const type = response.headers.get("content-type") || "";
    const body = type.includes("json") ? await response.json() : await response.text();
    if (!response.ok) {
      const error = new Error(body && body.detail ? body.detail : response.status + "");
      error.status = response.status; error.problem = body && body.problem; error.body = body;
      throw error;
    }
    return body;
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(e => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    $("lang").textContent = state.lang === "vi" ? "EN" : "VI";
    setLive(state.source && state.source.readyState === 1);
    if (state.unit) { renderUnit(state.unit); renderBreadcrumb(); }
  }

  // ---------- navigation ----------
  function codeFromHash() {
    const m = /^#\/unit\/([^/?#]+)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : "VN";
  }
  window.addEventListener("hashchange", () => open(codeFromHash()));

  async function open(code) {
    state.code = code; state.childrenOffset = 0; state.modelsOffset = 0;
    try {
      state.unit = await api("/api/units/" + encodeURIComponent(code));
    } catch (e) {
      $("unit-name").textContent = e.message; return;
    }
    state.totals = {};
    state.unit.path.forEach(p => { state.totals[p.code] = null; });
    state.totals[state.unit.code] = state.unit.tally.total;
    renderUnit(state.unit);
    renderBreadcrumb();
    connectLive();
    loadChildren(); loadModels();
    renderWriteForms();
  }
  // Editors' forms for the unit on screen. A retired unit, and the national root, cannot be merged; the server checks
  // scope and level again.
  function renderWriteForms() {
    $("register-card").hidden = !canWrite();
    $("import-card").hidden = !canWrite();
    $("import-template").href = "/api/units/" + encodeURIComponent(state.code) + "/models.csv";
    $("merge-card").hidden = !canWrite() || !state.unit || state.unit.level === "national" || !!state.unit.mergedInto;
  }

  // ---------- live ----------
  function setLive(on) {
    $("live-dot").className = "dot " + (on ? "on" : "off");
    $("live-text").textContent = t(on ? "live" : "offline");
    $("live-text").dataset.state = on ? "live" : "offline";
  }

  function connectLive() {
    if (state.source) state.source.close();
    const source = new EventSource("/api/units/" + encodeURIComponent(state.code) + "/live?ancestors=true");
    state.source = source;
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(source.readyState === 1);
    source.addEventListener("tally", ev => {
      if (source !== state.source) return;
      setLive(true);
      const data = JSON.parse(ev.data);
      state.totals[data.unit] = data.tally.total;
      renderBreadcrumb();
      if (data.unit === state.code && state.unit) {
        state.unit.tally = data.tally; state.unit.byYear = data.byYear;
        renderUnit(state.unit);
        scheduleRefresh();
      }
    });
  }

  function scheduleRefresh() {
    clearTimeout(state.refreshTimer);
    state.refreshTimer = setTimeout(() => { loadChildren(); loadModels(); }, 250);
  }

  // ---------- rendering ----------
  function renderBreadcrumb() {
    const nav = $("breadcrumb");
    nav.replaceChildren();
    state.unit.path.forEach((p, i) => {
      if (i > 0) nav.append(el("span", { class: "sep" }, "›"));
      const total = state.totals[p.code];
      const link = el("a", { href: "#/unit/" + encodeURIComponent(p.code), "data-code": p.code, "data-testid": "crumb-" + p.code },
        p.name, " ", el("span", { class: "crumb-total", "data-testid": "crumb-total-" + p.code }, total === null || total === undefined ? "…" : fmt(total)));
      nav.append(link);
    });
  }

  function renderUnit(u) {
    const d = u.tally;
    $("unit-name").textContent = u.name;
    $("unit-meta").textContent = [t("l_" + u.level), u.type, u.code].filter(Boolean).join(" · ");
    $("t-total").textContent = fmt(d.total);
    $("t-effective").textContent = fmt(d.effective);
    $("t-exemplars").textContent = fmt(d.exemplars);
    $("t-collective").textContent = fmt(d.byKind.collective);
    $("t-individual").textContent = fmt(d.byKind.individual);
    $("t-discontinued").textContent = fmt(d.discontinued);
    $("updated").textContent = new Date(d.asOf).toLocaleTimeString(state.lang === "vi" ? "vi-VN" : "en-GB");
    $("commended").replaceChildren(...AWARDS.map(a =>
      el("div", { class: "tile" }, el("div", { class: "n" }, fmt(d.commended[a])), el("div", {}, t("l_" + (a === "national" ? "national" : a))))));
    DvkCharts.hbars($("chart-field"), FIELDS.map(f => ({ label: t("f_" + f), value: d.byField[f] || 0 })), FIELD_COLORS);
    const years = Object.keys(u.byYear || {}).sort();
    DvkCharts.vbars($("chart-year"), years.map(y => ({ label: y, value: u.byYear[y] })), "#b03a2e");
  }

  async function loadChildren() {
    const code = state.code;
    const page = await api(`/api/units/${encodeURIComponent(code)}/children?offset=${state.childrenOffset}&limit=${PAGE}`).catch(() => null);
    if (!page || code !== state.code) return;
    const body = $("children");
    body.replaceChildren();
    body.dataset.unit = code;
    if (page.total === 0) body.append(el("tr", {}, el("td", { colspan: "8", class: "empty" }, t("noChildren"))));
    page.items.forEach(c => {
      const row = el("tr", { class: "click", "data-code": c.code, "data-testid": "child-" + c.code, onclick: () => { location.hash = "#/unit/" + encodeURIComponent(c.code); } },
        el("td", {}, el("a", { href: "#/unit/" + encodeURIComponent(c.code) }, c.name)),
        el("td", { class: "num", "data-testid": "child-total-" + c.code }, fmt(c.total)),
        ...FIELDS.map(f => el("td", { class: "num" }, fmt(c.byField[f]))),
        el("td", { class: "num" }, fmt(c.effective)),
        el("td", { class: "num" }, fmt(c.exemplars)));
      body.append(row);
    });
    pager("children", page, offset => { state.childrenOffset = offset; loadChildren(); });
  }

  async function loadModels() {
    const code = state.code;
    const page = await api(`/api/units/${encodeURIComponent(code)}/models?offset=${state.modelsOffset}&limit=${PAGE}`).catch(() => null);
    if (!page || code !== state.code) return;
    const body = $("models");
    body.replaceChildren();
    if (page.total === 0) body.append(el("tr", {}, el("td", { colspan: "6", class: "empty" }, t("noModels"))));
    page.items.forEach(m => body.append(el("tr", { "data-testid": "model-" + m.id },
      el("td", {}, m.id), el("td", { class: "title" }, m.title), el("td", {}, t("f_" + m.field)), el("td", {}, t(m.kind)),
      el("td", { class: "num" }, m.year), el("td", {}, t(m.status === "active" ? "active" : "discontinued")))));
    pager("models", page, offset => { state.modelsOffset = offset; loadModels(); });
  }

  function pager(name, page, go) {
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    const current = Math.floor(page.offset / page.limit) + 1;
    $(name + "-page").textContent = `${t("page")} ${current}/${pages}`;
    $(name + "-prev").disabled = current <= 1;
    $(name + "-next").disabled = current >= pages;
    $(name + "-prev").onclick = () => go(Math.max(0, page.offset - page.limit));
    $(name + "-next").onclick = () => go(page.offset + page.limit);
  }

  // ---------- search ----------
  let searchTimer = null;
  $("search").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(search, 200);
  });
  $("search").addEventListener("keydown", ev => {
    if (ev.key === "Enter") { const first = $("search-results").querySelector("a"); if (first) first.click(); }
    if (ev.key === "Escape") $("search-results").hidden = true;
  });
  async function search() {
    const q = $("search").value.trim();
    const list = $("search-results");
    if (q.length < 2) { list.hidden = true; return; }
    const hits = await api("/api/units/search?limit=12&q=" + encodeURIComponent(q)).catch(() => []);
    list.replaceChildren(...(hits.length ? hits.map(h => el("li", {},
      el("a", { href: "#/unit/" + encodeURIComponent(h.code), "data-testid": "hit-" + h.code, onclick: () => { list.hidden = true; } },
        h.name, el("small", {}, " · " + t("l_" + h.level) + (h.parentName ? " · " + h.parentName : ""))))) : [el("li", { class: "empty" }, t("noResults"))]));
    list.hidden = false;
  }

  // ---------- account ----------
  function canWrite() { return !!state.account && (state.account.role === "editor" || state.account.role === "admin"); }
  function renderAccount() {
    $("login-form").hidden = !!state.account;
    $("who").hidden = !state.account;
    if (state.account) $("who-name").textContent = `${state.account.displayName} (${state.account.role}, ${state.account.scope})`;
    renderWriteForms();
  }
  $("login-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    $("login-error").hidden = true;
    try {
      state.account = await api("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ userName: $("login-user").value, password: $("login-password").value }) });
      $("login-password").value = "";
    } catch (e) {
      $("login-error").textContent = e.status === 401 ? t("badLogin") : e.message;
      $("login-error").hidden = false;
    }
    renderAccount();
  });
  $("logout").addEventListener("click", async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => null);
    state.account = null; renderAccount();
  });

  $("register-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const form = ev.target, result = $("register-result");
    const body = {
      unit: state.code, title: form.title.value, field: form.field.value, kind: form.kind.value, sponsor: form.sponsor.value,
      year: parseInt(form.year.value, 10), levels: [...form.querySelectorAll("input[name=levels]:checked")].map(c => c.value),
    };
    result.className = "result";
    try {
      const model = await api("/api/models", { method: "POST", headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify(body) });
      result.textContent = `${t("registered")}: ${model.id} — ${model.title}`;
      result.classList.add("ok");
      form.title.value = "";
    } catch (e) {
      result.textContent = e.message;
      result.classList.add("bad");
    }
  });

  // The file goes up as it is, bytes and all: the server refuses a file that is not UTF-8 and names each refused line,
  // and the good rows are stored either way, so the result shows both.
  $("import-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const form = ev.target, result = $("import-result"), list = $("import-rejected");
    const file = form.file.files[0];
    if (!file) return;
    result.className = "result"; result.textContent = t("importing"); list.replaceChildren();
    form.querySelector("button").disabled = true;
    try {
      const report = await api("/api/models/import", { method: "POST",
        headers: { "Content-Type": "text/csv; charset=utf-8", "Accept": "application/json" }, body: await file.arrayBuffer() });
      result.textContent = `${t("importStored")}: ${fmt(report.stored)}/${fmt(report.rows)}`;
      result.classList.add("ok");
      form.reset();
    } catch (e) {
      const b = e.body || {};
      if (e.problem === "rows-rejected") {
        result.textContent = `${t("importStored")}: ${fmt(b.stored)}/${fmt(b.rows)} · ${t("importRejected")}: ${fmt(b.rejected.length)}`;
        list.replaceChildren(...b.rejected.map(r => el("li", { "data-line": r.line }, `${t("line")} ${r.line}: ${r.error}`)));
      } else {
        result.textContent = e.message;
      }
      result.classList.add("bad");
    } finally {
      form.querySelector("button").disabled = false;
    }
  });

  $("merge-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const form = ev.target, result = $("merge-result"), code = state.code;
    result.className = "result";
    try {
      const unit = await api("/api/units/" + encodeURIComponent(code) + "/merge", { method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/json" }, body: JSON.stringify({ into: form.into.value.trim() }) });
      form.reset();
      location.hash = "#/unit/" + encodeURIComponent(unit.mergedInto);
      result.textContent = `${t("merged")}: ${unit.mergedInto}`;
      result.classList.add("ok");
    } catch (e) {
      result.textContent = e.message;
      result.classList.add("bad");
    }
  });

  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    localStorage.setItem("dvk.lang", state.lang);
    applyLanguage();
    loadChildren(); loadModels();
  });

  document.querySelector("#register-form [name=year]").value = new Date().getFullYear();
  applyLanguage();
  api("/api/auth/me").then(a => { state.account = a; renderAccount(); }).catch(() => renderAccount());
  open(codeFromHash());
})();
