/**
 * The style and the filter script of the HTML report, inlined into the page. The page's
 * Content-Security-Policy allows exactly these two by hash and nothing else: no request leaves
 * the page, and no script could run from the evidence even if escaping failed.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --inconclusive: #9a6700;
  --muted: #57606a; --line: #d0d7de; --bg2: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Yu Gothic UI", "Noto Sans CJK JP", "IPAGothic", sans-serif; color: #1f2328; }
header, main { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--bg2); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th.num { white-space: nowrap; }
.group td:first-child { min-width: 22em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; min-width: 220px; background: #fff; }
.card h3 { margin: 0 0 6px; }
.v { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: #fff; background: #6e7781; white-space: nowrap; }
.v-pass { background: var(--pass); } .v-fail { background: var(--fail); } .v-error { background: var(--error); }
.v-inconclusive { background: var(--inconclusive); } .v-untested { background: #afb8c1; color: #1f2328; }
.v-skipped, .v-not-applicable { background: #d0d7de; color: #1f2328; }
.big { font-size: 20px; padding: 2px 14px; border-radius: 14px; }
.ids { font-family: ui-monospace, monospace; font-size: 12px; }
.muted { color: var(--muted); }
.alert { border: 1px solid var(--fail); background: #ffebe9; padding: 8px 12px; border-radius: 6px; }
#filters { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 8px 0; z-index: 1;
  display: flex; flex-wrap: wrap; gap: 12px; align-items: center; }
#filters label { display: inline-flex; gap: 6px; align-items: center; }
#filters input { width: 14em; }
details.test { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
details.test > summary { cursor: pointer; padding: 6px 10px; background: var(--bg2); list-style-position: inside; }
details.test > div { padding: 4px 12px 10px; }
details.entry { border-left: 3px solid var(--line); margin: 4px 0; padding-left: 8px; }
details.entry.k-fault { border-left-color: var(--fail); }
details.entry.k-observation { border-left-color: var(--inconclusive); }
details.entry > summary { cursor: pointer; font-family: ui-monospace, monospace; font-size: 12px; }
pre { background: var(--bg2); border: 1px solid var(--line); padding: 6px 8px; overflow: auto; max-height: 360px;
  font-size: 12px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.hidden { display: none !important; }
footer { max-width: 1400px; margin: 24px auto; padding: 0 24px; color: var(--muted); }
`;

/** Filters the requirement rows and the tests by verdict, requirement id (a prefix) and text. */
export const REPORT_SCRIPT = `
(() => {
  const verdict = document.getElementById('f-verdict');
  const requirement = document.getElementById('f-requirement');
  const text = document.getElementById('f-text');
  const items = Array.from(document.querySelectorAll('[data-filter]'));
  const counters = Array.from(document.querySelectorAll('[data-count]'));
  const apply = () => {
    const v = verdict.value;
    const r = requirement.value.trim().toUpperCase();
    const q = text.value.trim().toLowerCase();
    for (const item of items) {
      const ids = (item.dataset.requirements || '').split(' ');
      const show = (v === '' || item.dataset.verdict === v)
        && (r === '' || ids.some((id) => id.startsWith(r)))
        && (q === '' || item.textContent.toLowerCase().includes(q));
      item.classList.toggle('hidden', !show);
    }
    for (const counter of counters) {
      const kind = items.filter((item) => item.dataset.filter === counter.dataset.count);
      const shown = kind.filter((item) => !item.classList.contains('hidden')).length;
      counter.textContent = counter.dataset.template.replace('{shown}', String(shown)).replace('{total}', String(kind.length));
    }
  };
  for (const input of [verdict, requirement, text]) input.addEventListener('input', apply);
  // A link to an evidence entry opens the entry and the test that holds it.
  const reveal = () => {
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    for (let node = target; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
    if (target) target.scrollIntoView();
  };
  window.addEventListener('hashchange', reveal);
  apply();
  reveal();
})();
`;
