/**
 * Case page: scrolls to the cited sentence and moves focus to its paragraph. The server has
 * already put the `?q=` sentence in <mark> and given its paragraph (or contact card, or the
 * `?line=` paragraph) class "cited"; this script only scrolls and focuses, so the page reads the
 * same without it.
 */
(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (!params.has('q') && !params.has('line')) return;
  const cited = document.querySelector('.cited');
  if (!cited) return;
  const target = cited.querySelector('mark') || cited;
  const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  // tabindex="-1" is set by the server, so focus lands here without entering the tab order.
  cited.focus({ preventScroll: true });
})();
