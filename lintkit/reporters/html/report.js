(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("lintkit-data").textContent);
  const byId = new Map(data.findings.map((f) => [f.id, f]));
  const decisions = new Map();
  const hidden = new Set();
  const frags = new Map();
  for (const m of document.querySelectorAll("mark.hl")) {
    if (!frags.has(m.dataset.f)) frags.set(m.dataset.f, []);
    frags.get(m.dataset.f).push(m);
  }
  const changes = Array.from(document.querySelectorAll(".fx-ins, .fx-del"));
  const pop = document.getElementById("pop");
  const bar = document.getElementById("bar");
  const exportLink = document.getElementById("export");
  const status = document.getElementById("decision-status");
  const toggle = document.getElementById("show-fixes");
  let popState = null;
  let hideTimer = 0;
  let quiet = false;
  let exportUrl = "";

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

  /* Decisions: the export is rebuilt from the findings' own data, in report order. */
  function buildDecisions() {
    const out = [];
    for (const f of data.findings) {
      const d = decisions.get(f.id);
      if (!d) continue;
      out.push({path: f.path, rule: f.rule, offset: f.offset, end_offset: f.end_offset, text: f.text,
                fingerprint: f.fingerprint, decision: d.decision, fix: d.fix});
    }
    return {version: 1, tool: "lintkit", decisions: out};
  }
  window.lintkitDecisions = buildDecisions;

  function refreshExport() {
    const body = JSON.stringify(buildDecisions(), null, 2) + "\n";
    if (exportUrl) URL.revokeObjectURL(exportUrl);
    exportUrl = URL.createObjectURL(new Blob([body], {type: "application/json"}));
    exportLink.href = exportUrl;
    let accepted = 0;
    for (const d of decisions.values()) if (d.decision === "accept") accepted++;
    const dismissed = decisions.size - accepted;
    status.textContent = decisions.size
      ? accepted + " accepted, " + dismissed + " dismissed" : "No decisions yet";
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
      const desc = make("span", "fixdesc");
      desc.append("Fix ", make("span", "appl a-" + fx.applicability, fx.applicability), " " + fx.description);
      const diff = make("span", "diff");
      diff.append(make("del", "", fx.old), make("span", "arrow", "\u2192"),
                  fx["new"].trim() ? make("ins", "", fx["new"]) : make("span", "gone", "(removed)"));
      p.append(desc, diff);
      box.append(p);
    }
    const acts = make("div", "acts");
    const n = Math.max(1, f.fixes.length);
    for (let i = 0; i < n; i++) {
      acts.append(decButton(f, "accept", i, n > 1 ? "Accept fix " + (i + 1) : "Accept"));
    }
    acts.append(decButton(f, "dismiss", 0, "Dismiss"));
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
    const dec = t.closest("button.dec");
    if (dec) { setDecision(dec.dataset.f, dec.dataset.decision, Number(dec.dataset.fix)); return; }
    const jump = t.closest("button.jump");
    if (jump) { jumpTo(jump.dataset.jump); return; }
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
    const m = markOf(e.target);
    if (!m || e.altKey || e.ctrlKey || e.metaKey) return;
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
  exportLink.addEventListener("click", refreshExport);
  const measure = () => {
    document.documentElement.style.setProperty("--bar-h", bar.offsetHeight + "px");
    if (popState) place(popState.anchor);
  };
  window.addEventListener("resize", measure);

  pop.tabIndex = -1;
  for (const f of all(".fill[data-pct]")) f.style.width = f.dataset.pct + "%";
  document.body.classList.toggle("show-fixes", toggle.checked);
  measure();
  applyFilters();
  refreshExport();
})();
