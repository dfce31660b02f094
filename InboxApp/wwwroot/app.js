window.inboxApp = {
  toggleTheme() {
    const dark = document.cookie.split('; ').includes('inbox.theme=dark');
    document.cookie = `inbox.theme=${dark ? 'light' : 'dark'}; path=/; max-age=31536000; samesite=lax`;
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
