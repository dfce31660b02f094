window.inboxApp = {
  /** Remembers the theme ("light" or "dark") for a year and reloads, so the server renders the matching stylesheet. */
  setTheme(theme) {
    const value = theme === 'dark' ? 'dark' : 'light';
    document.cookie = `inbox.theme=${value}; path=/; max-age=31536000; samesite=lax`;
    location.reload();
  },
  signOut() {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/account/logout';
    document.body.appendChild(form);
    form.submit();
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
