/**
 * Case page: scrolls to the cited passage and moves focus to it. The server has already
 * marked the paragraph(s) holding the `?q=` quote (or the `?line=` line) with class "cited";
 * this script only scrolls and focuses, so the page reads the same without it.
 */
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  if (!params.has('q') && !params.has('line')) return;
  const cited = document.querySelector('.cited');
  if (!cited) return;
  const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  cited.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  // tabindex="-1" is set by the server, so focus lands here without entering the tab order.
  cited.focus({ preventScroll: true });
})();
