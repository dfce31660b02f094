window.inboxApp = {
  /** Remembers the theme ("light" or "dark") for a year and applies it to the page at once (no reload needed). */
  setTheme(theme) {
    const value = theme === 'dark' ? 'dark' : 'light';
    document.cookie = `inbox.theme=${value}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.dataset.theme = value;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', value);
  },
  signOut(tokenField, token) {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/account/logout';
    if (tokenField && token) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = tokenField;
      input.value = token;
      form.appendChild(input);
    }
    document.body.appendChild(form);
    form.submit();
  },
  /** A dialog's first field gets the caret when the dialog opens, unless a field already has it (FocusOnOpen). */
  focusOnOpen(id) {
    const el = document.getElementById(id);
    if (!el) return;
    const active = document.activeElement;
    if (active && active !== el && active.matches('input, textarea, select, [contenteditable="true"]')) return;
    el.focus();
  },
  copyText(text) {
    return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve();
  }
};

document.addEventListener('click', (e) => {
  if (e.target instanceof Element && e.target.closest('#blazor-error-ui .dismiss')) {
    document.getElementById('blazor-error-ui').style.display = 'none';
  }
});
