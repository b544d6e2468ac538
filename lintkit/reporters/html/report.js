(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("lintkit-data").textContent);
  const byId = new Map(data.findings.map((f) => [f.id, f]));
  const byArticle = new Map();
  for (const f of data.findings) {
    if (!byArticle.has(f.article)) byArticle.set(f.article, []);
    byArticle.get(f.article).push(f.id);
  }
  const decisions = new Map();
  const hidden = new Set();
  const frags = new Map();  // finding -> its <mark> fragments, for the articles opened so far
  const changes = [];  // the tracked changes of the articles opened so far
  const mounted = new Set();
  const storeKey = "lintkit-decisions:" + data.report;
  const pop = document.getElementById("pop");
  const bar = document.getElementById("bar");
  const exportLink = document.getElementById("export");
  const status = document.getElementById("decision-status");
  const toggle = document.getElementById("show-fixes");
  const nextButton = document.getElementById("next");
  let popState = null;
  let hideTimer = 0;
  let quiet = false;
  let exportUrl = "";
  let cursor = null;  // the finding last moved to, where "next undecided" goes on from
  let exported = "";  // the decisions as last exported (set once buildDecisions exists)

  const all = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const anchorOf = (id) => document.getElementById("f-" + id);
  const markOf = (t) => (t instanceof Element ? t.closest("mark.hl") : null);
  const plural = (n, w) => n + " " + w + (n === 1 ? "" : "s");

  function make(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* Decisions: the export is rebuilt from the findings' own data, in report order, with the
     folder the report was made in (paths are relative to it). */
  function buildDecisions() {
    const out = [];
    for (const f of data.findings) {
      const d = decisions.get(f.id);
      if (!d) continue;
      out.push({path: f.path, rule: f.rule, offset: f.offset, end_offset: f.end_offset, text: f.text,
                fingerprint: f.fingerprint, decision: d.decision, fix: d.fix});
    }
    return {version: 1, tool: "lintkit", report: data.report, root: data.root, decisions: out};
  }
  window.lintkitDecisions = buildDecisions;
  const serialize = () => JSON.stringify(buildDecisions());
  const unexported = () => serialize() !== exported;
  exported = serialize();

  /* Local storage keeps the decisions (and what was last exported) under the report's id, so
     a reload or a closed tab loses nothing; without storage the page works as before. */
  function save() {
    try {
      if (!decisions.size && !unexported()) localStorage.removeItem(storeKey);
      else localStorage.setItem(storeKey, JSON.stringify({
        decisions: Array.from(decisions, ([id, d]) => [id, d.decision, d.fix]), exported: exported}));
    } catch (err) { /* storage disabled or full */ }
  }

  function restore() {
    let saved = null;
    try { saved = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (err) { saved = null; }
    if (!saved || typeof saved !== "object" || !Array.isArray(saved.decisions)) return;
    for (const entry of saved.decisions) {
      if (!Array.isArray(entry) || entry.length !== 3) continue;
      const [id, decision, fix] = entry;
      const f = byId.get(id);
      if (!f || (decision !== "accept" && decision !== "dismiss")) continue;
      if (!Number.isInteger(fix) || fix < 0 || fix >= Math.max(1, f.fixes.length)) continue;
      decisions.set(id, {decision: decision, fix: fix});
    }
    if (typeof saved.exported === "string") exported = saved.exported;
  }

  function refreshExport() {
    const body = JSON.stringify(buildDecisions(), null, 2) + "\n";
    if (exportUrl) URL.revokeObjectURL(exportUrl);
    exportUrl = URL.createObjectURL(new Blob([body], {type: "application/json"}));
    exportLink.href = exportUrl;
    let accepted = 0;
    for (const d of decisions.values()) if (d.decision === "accept") accepted++;
    const dismissed = decisions.size - accepted;
    const isAccepted = (id) => (decisions.get(id) || {}).decision === "accept";
    const clashing = data.findings.filter((f) => isAccepted(f.id) && f.conflicts.some(isAccepted)).length;
    const notes = [];
    if (clashing) notes.push(clashing + " accepted fix" + (clashing === 1 ? "" : "es") + " in conflict");
    if (unexported()) notes.push("not exported");
    status.textContent = (decisions.size ? accepted + " accepted, " + dismissed + " dismissed"
      : "No decisions yet") + (notes.length ? " \u00b7 " + notes.join(" \u00b7 ") : "");
    status.classList.toggle("unsaved", unexported());
    exportLink.textContent = decisions.size
      ? "Export " + plural(decisions.size, "decision") : "Export decisions";
  }

  function setDecision(id, decision, fix) {
    if (!byId.has(id)) return;
    const cur = decisions.get(id);
    if (cur && cur.decision === decision && cur.fix === fix) decisions.delete(id);
    else decisions.set(id, {decision: decision, fix: fix});
    showDecision(id);
    refreshChanges();
    refreshExport();
    save();
  }

  /* Articles are built when opened: those with findings from their inert <template>, clean
     ones from the text in the page's data, so a batch of a thousand opens quickly. */
  function mount(details) {
    const key = details.dataset.key;
    if (!key || mounted.has(key)) return;
    mounted.add(key);
    if (details.classList.contains("clean-art")) {
      const text = make("div", "text", Object.hasOwn(data.texts, key) ? data.texts[key] : "");
      text.dataset.article = key;
      const card = make("div", "text-card");
      card.append(text);
      details.append(card);
      return;
    }
    const tpl = document.getElementById("t-" + key);
    if (!(tpl instanceof HTMLTemplateElement)) return;
    const body = document.importNode(tpl.content, true);
    for (const m of body.querySelectorAll("mark.hl")) {
      if (!frags.has(m.dataset.f)) frags.set(m.dataset.f, []);
      frags.get(m.dataset.f).push(m);
    }
    changes.push(...body.querySelectorAll(".fx-ins, .fx-del"));
    const findings = (byArticle.get(key) || []).map((id) => byId.get(id));
    body.querySelector("ol.items").append(...findings.map(sideItem));
    body.querySelector(".print-list ol").append(...findings.map(printItem));
    tpl.replaceWith(body);
    for (const id of byArticle.get(key) || []) showDecision(id);
    applyFilters();
  }

  function openArticle(key) {
    const details = document.getElementById(key);
    if (!(details instanceof HTMLDetailsElement)) return null;
    mount(details);
    details.open = true;
    return details;
  }

  /* "Next undecided": the next finding in page order without a decision and not filtered
     out, across articles (opening the one it is in). */
  function step(dir) {
    const order = data.order;
    const here = currentId();
    const start = here !== null ? order.indexOf(here) : (dir > 0 ? -1 : order.length);
    for (let k = 1; k <= order.length; k++) {
      const id = order[(((start + dir * k) % order.length) + order.length) % order.length];
      if (!decisions.has(id) && !hidden.has(id)) {
        openArticle(byId.get(id).article);
        jumpTo(id);
        return;
      }
    }
    status.textContent = order.length ? "Every finding shown has a decision" : "No findings";
  }

  function currentId() {
    const m = markOf(document.activeElement);
    if (m && byId.has(m.dataset.f)) return m.dataset.f;
    return cursor;
  }

  function showDecision(id) {
    const d = decisions.get(id);
    const state = d ? d.decision : "";
    for (const b of all('button.dec[data-f="' + id + '"]')) {
      const on = !!d && b.dataset.decision === d.decision
        && (state === "dismiss" || Number(b.dataset.fix) === d.fix);
      b.setAttribute("aria-pressed", String(on));
    }
    const els = (frags.get(id) || []).concat(all('[data-f="' + id + '"]:is(li.item, .print-list li)'));
    for (const e of els) {
      e.classList.toggle("is-accepted", state === "accept");
      e.classList.toggle("is-dismissed", state === "dismiss");
    }
  }

  /* A tracked change is shown while any finding it belongs to is shown and not dismissed. */
  function refreshChanges() {
    for (const c of changes) {
      const ids = c.dataset.for.split(" ");
      const off = ids.every((id) => hidden.has(id) || (decisions.get(id) || {}).decision === "dismiss");
      c.classList.toggle("off", off);
    }
  }

  function applyFilters() {
    const ticked = (kind) => new Set(all('input[data-filter="' + kind + '"]:checked').map((i) => i.value));
    const cats = ticked("cat");
    const sevs = ticked("sev");
    hidden.clear();
    for (const f of data.findings) {
      const visible = cats.has(f.category) && sevs.has(f.severity);
      if (!visible) hidden.add(f.id);
      for (const m of frags.get(f.id) || []) m.classList.toggle("muted", !visible);
      const anchor = anchorOf(f.id);
      if (anchor) anchor.tabIndex = visible ? 0 : -1;
      const item = document.getElementById("i-" + f.id);
      if (item) item.hidden = !visible;
    }
    for (const side of all("aside.side")) {
      const items = all("li.item", side);
      const shown = items.filter((i) => !i.hidden).length;
      side.querySelector(".shown").textContent =
        shown === items.length ? items.length + " shown" : shown + " of " + items.length + " shown";
      side.querySelector(".none").hidden = !(items.length && !shown);
    }
    if (popState && popState.ids.some((id) => hidden.has(id))) hidePop();
    refreshChanges();
  }

  /* A finding's fix, conflicts and decision buttons, as the list, the popover and paper show them. */
  function fixParts(fx) {
    const desc = make("span", "fixdesc");
    desc.append("Fix ", make("span", "appl a-" + fx.applicability, fx.applicability), " " + fx.description);
    const diff = make("span", "diff");
    const arrow = make("span", "arrow", "\u2192");
    arrow.setAttribute("aria-label", "becomes");
    diff.append(make("del", "", fx.old), arrow,
                fx["new"].trim() ? make("ins", "", fx["new"]) : make("span", "gone", "(removed)"));
    return [desc, diff];
  }

  function conflictNote(f, tag) {
    const names = f.conflicts.map((c) => "#" + byId.get(c).n + " " + byId.get(c).rule).join(", ");
    const note = make(tag, tag === "p" ? "pconflict" : "conflict", "Conflicts with " + names
      + ": only one of these fixes can be applied" + (f.previewed ? "." : " (not in the preview)."));
    note.dataset.conflicts = f.conflicts.join(" ");
    return note;
  }

  function decButtons(f) {
    const n = Math.max(1, f.fixes.length);
    const out = [];
    for (let i = 0; i < n; i++) out.push(decButton(f, "accept", i, n > 1 ? "Accept fix " + (i + 1) : "Accept"));
    out.push(decButton(f, "dismiss", 0, "Dismiss"));
    return out;
  }

  function sideItem(f) {
    const li = make("li", "item c-" + f.category + (f.conflicts.length ? " has-conflict" : ""));
    li.id = "i-" + f.id;
    li.dataset.f = f.id;
    li.dataset.cat = f.category;
    li.dataset.sev = f.severity;
    const jump = make("button", "jump");
    jump.type = "button";
    jump.dataset.jump = f.id;
    const head = make("span", "ihead");
    head.append(make("span", "no", String(f.n)), make("span", "code", f.rule),
                make("span", "sev s-" + f.severity, f.severity), make("span", "loc", "line " + f.line + ":" + f.column));
    const msg = make("span", "msg", f.message);
    msg.id = "m-" + f.id;
    jump.append(head, msg);
    li.append(jump);
    if (f.fixes.length) {
      const line = make("span", "fixline");
      line.append(...fixParts(f.fixes[0]));
      li.append(line);
    }
    if (f.conflicts.length) li.append(conflictNote(f, "span"));
    const acts = make("span", "acts");
    acts.append(...decButtons(f));
    li.append(acts);
    return li;
  }

  function printItem(f) {
    const li = make("li");
    li.value = f.n;
    li.dataset.f = f.id;
    li.append(make("span", "code", f.rule),
              " (" + f.severity + ", line " + f.line + ", column " + f.column + ") " + f.message);
    for (const fx of f.fixes) {
      const p = make("span", "pfix");
      p.append(...fixParts(fx));
      li.append(p);
    }
    if (f.conflicts.length) li.append(conflictNote(f, "span"));
    return li;
  }

  /* The popover: message, fixes and decision buttons for the findings under a highlight. */
  function card(f) {
    const box = make("div", "pcard c-" + f.category);
    const head = make("div", "phead");
    head.append(make("span", "sw"), make("span", "plabel", f.label),
                make("span", "sev s-" + f.severity, f.severity), make("span", "code", f.rule));
    const where = "#" + f.n + " \u00b7 " + f.name + " \u00b7 line " + f.line + ", column " + f.column;
    box.append(head, make("p", "pmsg", f.message), make("p", "ploc", where));
    for (const fx of f.fixes) {
      const p = make("p", "pfix");
      p.append(...fixParts(fx));
      box.append(p);
    }
    if (f.conflicts.length) box.append(conflictNote(f, "p"));
    const acts = make("div", "acts");
    acts.append(...decButtons(f));
    box.append(acts);
    if (data.rules[f.rule]) {
      const why = make("details", "pwhy");
      why.append(make("summary", "", "Why " + f.rule + "?"), make("p", "", data.rules[f.rule]));
      box.append(why);
    }
    return box;
  }

  function decButton(f, decision, fix, text) {
    const b = make("button", "dec " + decision, text);
    b.type = "button";
    b.dataset.f = f.id;
    b.dataset.decision = decision;
    b.dataset.fix = String(fix);
    b.setAttribute("aria-pressed", "false");
    b.setAttribute("aria-label", text + " (finding " + f.n + ", " + f.rule + ")");
    return b;
  }

  function showPop(ids, anchor, pinned, origin) {
    clearTimeout(hideTimer);
    if (!popState || popState.ids.join(" ") !== ids.join(" ")) {
      pop.replaceChildren(...ids.map((id) => card(byId.get(id))));
      ids.forEach(showDecision);
    }
    const keep = popState && popState.origin;
    popState = {ids: ids, anchor: anchor, pinned: pinned, origin: origin || keep || null};
    pop.hidden = false;
    place(anchor);
  }

  function place(anchor) {
    const rects = anchor.getClientRects();
    const r = rects.length ? rects[0] : anchor.getBoundingClientRect();
    const width = pop.offsetWidth;
    const height = pop.offsetHeight;
    // Stay over the article text, off the findings list, when the text column is wide enough.
    const card = anchor.closest(".text-card");
    const box = card ? card.getBoundingClientRect() : null;
    const wide = box && box.width >= width + 16;
    const min = wide ? box.left + 8 : 8;
    const max = (wide ? box.right : document.documentElement.clientWidth) - width - 8;
    const left = Math.max(min, Math.min(r.left, max));
    let top = r.bottom + 8;
    const above = r.top - height - 8;
    if (top + height > window.innerHeight - 8 && above > bar.offsetHeight) top = above;
    pop.style.left = left + window.scrollX + "px";
    pop.style.top = top + window.scrollY + "px";
  }

  function hidePop() {
    clearTimeout(hideTimer);
    pop.hidden = true;
    popState = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hidePop, 300);
  }

  function stackAt(m) {
    const ids = [];
    for (let e = m; e; e = e.parentElement ? e.parentElement.closest("mark.hl") : null) {
      if (!e.classList.contains("muted") && !ids.includes(e.dataset.f)) ids.push(e.dataset.f);
    }
    return ids;
  }

  function activate(id) {
    cursor = id;
    for (const i of all("li.item.current")) i.classList.remove("current");
    const item = document.getElementById("i-" + id);
    if (!item) return;
    item.classList.add("current");
    const side = item.closest(".side");
    if (side.scrollHeight <= side.clientHeight) return;
    const top = item.offsetTop;
    if (top < side.scrollTop + 60 || top + item.offsetHeight > side.scrollTop + side.clientHeight) {
      side.scrollTop = Math.max(0, top - side.clientHeight / 3);
    }
  }

  function jumpTo(id) {
    const anchor = anchorOf(id);
    if (!anchor) return;
    cursor = id;
    anchor.scrollIntoView({block: "center", inline: "nearest"});
    anchor.focus({preventScroll: true});
    for (const m of frags.get(id) || []) {
      m.classList.remove("flash");
      void m.offsetWidth;
      m.classList.add("flash");
    }
  }

  function focusQuietly(el) {
    quiet = true;
    try { el.focus({preventScroll: true}); } finally { quiet = false; }
  }

  document.addEventListener("mouseover", (e) => {
    const m = markOf(e.target);
    if (!m || m.classList.contains("muted") || (popState && popState.pinned)) return;
    const ids = stackAt(m);
    if (ids.length) showPop(ids, m, false);
  });
  document.addEventListener("mouseout", (e) => {
    if (markOf(e.target) && popState && !popState.pinned) scheduleHide();
  });
  pop.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  pop.addEventListener("mouseleave", () => { if (popState && !popState.pinned) scheduleHide(); });

  document.addEventListener("focusin", (e) => {
    const m = markOf(e.target);
    if (quiet || !m || !m.id || m.classList.contains("muted")) return;
    showPop([m.dataset.f], m, true, m);
    activate(m.dataset.f);
  });
  document.addEventListener("focusout", (e) => {
    const to = e.relatedTarget;
    if (!popState || !popState.pinned) return;
    if (to instanceof Element && (pop.contains(to) || markOf(to))) return;
    hidePop();
  });

  document.addEventListener("click", (e) => {
    const t = e.target instanceof Element ? e.target : null;
    if (!t) return;
    const head = t.closest("details[data-key] > summary");
    if (head) mount(head.parentElement);  // now, not at the toggle event: no empty frame, no race
    const dec = t.closest("button.dec");
    if (dec) { setDecision(dec.dataset.f, dec.dataset.decision, Number(dec.dataset.fix)); return; }
    const jump = t.closest("button.jump");
    if (jump) { jumpTo(jump.dataset.jump); return; }
    if (t.closest("#next")) { step(1); return; }
    const link = t.closest('a[href^="#"]:not(#export)');
    if (link) { openArticle(link.getAttribute("href").slice(1)); return; }
    const m = markOf(t);
    if (m && !m.classList.contains("muted")) {
      const anchor = anchorOf(m.dataset.f);
      if (anchor && document.activeElement !== anchor) anchor.focus({preventScroll: true});
      showPop([m.dataset.f], m, true, anchor);
      activate(m.dataset.f);
      return;
    }
    if (popState && !pop.contains(t)) hidePop();
  });

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && popState) {
      const origin = popState.origin;
      const inside = pop.contains(document.activeElement);
      hidePop();
      if (origin && inside) focusQuietly(origin);
      e.preventDefault();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const typing = e.target instanceof Element
      && e.target.closest("textarea, select, [contenteditable], input:not([type=checkbox])");
    const key = (e.key || "").toLowerCase();
    if (!typing && (key === "n" || key === "j" || key === "p" || key === "k")) {
      e.preventDefault();
      step(key === "n" || key === "j" ? 1 : -1);
      return;
    }
    const m = markOf(e.target);
    if (!m) return;
    const id = m.dataset.f;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      showPop([id], m, true, m);
      const first = pop.querySelector("button.dec");
      if (first) first.focus();
    } else if (e.key === "a" || e.key === "A") {
      e.preventDefault();
      setDecision(id, "accept", 0);
    } else if (e.key === "d" || e.key === "D") {
      e.preventDefault();
      setDecision(id, "dismiss", 0);
    }
  });

  for (const input of all("input[data-filter]")) input.addEventListener("change", applyFilters);
  toggle.addEventListener("change", () => {
    document.body.classList.toggle("show-fixes", toggle.checked);
    if (popState) place(popState.anchor);
  });
  exportLink.addEventListener("click", () => {
    refreshExport();
    exported = serialize();
    save();
    refreshExport();
  });
  window.addEventListener("beforeunload", (e) => {
    if (!unexported()) return;
    e.preventDefault();
    e.returnValue = "";  // what older browsers look at to ask "Leave site?"
  });
  document.addEventListener("toggle", (e) => {
    if (e.target instanceof HTMLDetailsElement && e.target.open) mount(e.target);
  }, true);
  window.addEventListener("beforeprint", () => {
    for (const d of all("details.article")) { mount(d); d.open = true; }
  });
  const measure = () => {
    document.documentElement.style.setProperty("--bar-h", bar.offsetHeight + "px");
    if (popState) place(popState.anchor);
  };
  window.addEventListener("resize", measure);

  pop.tabIndex = -1;
  for (const f of all(".fill[data-pct]")) f.style.width = f.dataset.pct + "%";
  document.body.classList.toggle("show-fixes", toggle.checked);
  if (!data.order.length) nextButton.hidden = true;
  restore();
  for (const d of all("details.article[open]")) mount(d);
  if (location.hash.length > 1) {
    const target = openArticle(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  }
  measure();
  applyFilters();
  refreshExport();
})();
