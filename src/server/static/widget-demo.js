/**
 * Widget demo: the options form updates the snippet and the floating widget on the page as it
 * changes (the live preview), and the copy button copies the snippet. Without this script the form
 * reloads the page with the options, and the snippet can be selected by hand.
 */
(() => {
  'use strict';
  const form = document.getElementById('demo-form');
  const snippet = document.getElementById('snippet');
  const copy = document.getElementById('copy');
  const copied = document.getElementById('copied');
  if (!form || !snippet) return;

  /** An attribute value as written inside double quotes, as the server writes it in the snippet. */
  const attributeText = (v) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

  /** The form's options as the widget's data-* values; a '|' (the separator) cannot be in a question. */
  function options() {
    const data = new FormData(form);
    const examples = String(data.get('examples') || '')
      .split(/\r?\n/)
      .map((l) => l.replace(/\|/g, ' ').trim())
      .filter(Boolean)
      .join('|');
    return {
      title: String(data.get('title') || '').trim() || 'Spørg om innovationscases',
      color: String(data.get('color') || '#1f5f8b'),
      position: data.get('position') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
      examples,
    };
  }

  /** Rewrites the snippet's values and replaces the widget with one made with the new options. */
  function update() {
    const o = options();
    for (const span of snippet.querySelectorAll('[data-option]')) span.textContent = attributeText(o[span.dataset.option]);
    const old = document.getElementById('preview');
    if (!old) return;
    const preview = document.createElement('casechat-chat');
    preview.id = 'preview';
    preview.setAttribute('mode', 'floating');
    for (const key of Object.keys(o)) preview.dataset[key] = o[key];
    preview.dataset.lang = 'da';
    // the widget reads its options once, when it is connected: a new element shows the new ones
    old.replaceWith(preview);
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update();
  });

  /** Copies the snippet: the Clipboard API where the page is a secure context, else a selection. */
  async function copySnippet() {
    const text = snippet.textContent;
    try {
      await navigator.clipboard.writeText(text);
      copied.textContent = 'Koden er kopieret.';
    } catch (_) {
      const range = document.createRange();
      range.selectNodeContents(snippet);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      copied.textContent = document.execCommand('copy') ? 'Koden er kopieret.' : 'Koden er markeret: kopiér den med Ctrl+C.';
    }
  }

  if (copy) {
    copy.hidden = false;
    copy.addEventListener('click', () => void copySnippet());
  }
})();
