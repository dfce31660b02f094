// The inbox page's browser side: composer keys, infinite scroll, scroll keeping, idle detection, shortcuts,
// notifications and the tab title. Imported as a module by InboxPage; every function returns a handle with dispose().

const TYPING_EVERY_MS = 2000;

// A reference to an element that a newer render removed arrives here as a plain object, not an element: every
// function that takes one checks it with live() and does nothing for a removed element.
const live = (element) => element instanceof Element;
const noop = { dispose() { } };

/** Whether the server's reference still points at an element in the page. */
export function isLive(element) {
  return live(element);
}

/**
 * The composer's text field (the textarea inside <paramref name="box"/>): the server handles the keys (Enter sends,
 * Shift+Enter is a new line; with the quick-reply list open the arrows move, Enter or Tab inserts, Escape closes);
 * here only their default action is stopped (the new line of Enter, Tab's move of focus). Typing is reported at most
 * every two seconds.
 */
export function attachComposer(box, dotnet) {
  if (!live(box)) return noop;
  const textarea = box.matches('textarea') ? box : box.querySelector('textarea');
  if (!textarea) return noop;
  let lastTyping = 0;
  const listOpen = () => !!box.closest('[data-testid=composer]')?.querySelector('[data-testid=quick-replies]');
  const onKey = (e) => {
    if (e.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) e.preventDefault();
    else if (['ArrowUp', 'ArrowDown', 'Tab', 'Escape'].includes(e.key) && !e.shiftKey && listOpen()) e.preventDefault();
  };
  const onInput = () => {
    const now = Date.now();
    if (textarea.value.length > 0 && now - lastTyping > TYPING_EVERY_MS) {
      lastTyping = now;
      dotnet.invokeMethodAsync('ReportTyping');
    }
  };
  textarea.addEventListener('keydown', onKey);
  textarea.addEventListener('input', onInput);
  // Enter sends from now on (before this it would only add a new line); browser tests wait for this mark.
  textarea.dataset.keys = 'on';
  return { dispose() { textarea.removeEventListener('keydown', onKey); textarea.removeEventListener('input', onInput); delete textarea.dataset.keys; } };
}

export function focus(element) {
  if (live(element)) element.focus();
}

/**
 * The bubbles' Reply and quick-reaction buttons (data-action, data-emoji) inside the thread's list: one listener for all
 * of them, which calls dotnet.BubbleActionAsync(messageId, action, emoji) with the bubble's data-message-id. Bubbles are
 * rendered without a handler of their own (each would cost every open page its memory). False when the list is not
 * (or no longer) in the page; true, without a second listener, when it already listens.
 */
export function attachBubbleActions(list, dotnet) {
  if (!live(list)) return false;
  if (list._bubbleActions) return true;
  list._bubbleActions = true;
  list.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
    const bubble = button?.closest('[data-message-id]');
    if (!bubble || !list.contains(bubble)) return;
    dotnet.invokeMethodAsync('BubbleActionAsync', bubble.dataset.messageId, button.dataset.action, button.dataset.emoji ?? null);
  });
  return true;
}

/** Calls dotnet[method]() whenever the sentinel scrolls into view inside its scroll container. */
export function observe(sentinel, dotnet, method) {
  if (!live(sentinel)) return noop;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some(e => e.isIntersecting)) dotnet.invokeMethodAsync(method);
  }, { root: sentinel.closest('[data-scroll]'), rootMargin: '200px' });
  observer.observe(sentinel);
  return { dispose() { observer.disconnect(); } };
}

/**
 * Scrolls to the newest message and keeps it there while the reader stays at the bottom: whatever changes the layout
 * afterwards (the list or the pane resizing, bubbles added or re-rendered, images loading) scrolls it back down, until
 * the reader scrolls away. The state lives on the element, so a new thread element starts afresh. False when the element
 * is not (or no longer) in the page, so the caller asks again after its next render.
 */
export function scrollToBottom(element) {
  if (!live(element)) return false;
  element._stick ??= stickToBottom(element);
  element._stick.pinned = true;
  element.scrollTop = element.scrollHeight;
  return true;
}

function stickToBottom(element) {
  const state = { pinned: true };
  const pin = () => { if (state.pinned) element.scrollTop = element.scrollHeight; };
  // Only the reader unpins, by scrolling up. A scroll event that follows a layout change (the pane shrank under a
  // banner, say) can report a distance from the bottom without anyone scrolling: that one pins again.
  let lastTop = element.scrollTop;
  element.addEventListener('scroll', () => {
    const top = element.scrollTop;
    if (isNearBottom(element)) state.pinned = true;
    else if (top < lastTop) state.pinned = false;
    else pin();
    lastTop = top;
  }, { passive: true });
  element.addEventListener('load', pin, true);
  new ResizeObserver(pin).observe(element);
  new MutationObserver(pin).observe(element, { childList: true, subtree: true, characterData: true });
  return state;
}

/** True when the reader is at (or near) the bottom, so new messages keep the thread pinned there. */
function isNearBottom(element) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < 120;
}

/** Remembers the distance from the bottom before older messages are prepended; restore() keeps the view still. */
export function rememberScroll(element) {
  if (!live(element)) return { restore() { }, dispose() { } };
  const fromBottom = element.scrollHeight - element.scrollTop;
  return {
    restore() {
      // Still pinned (the older page was asked for before the first scroll settled): stay at the newest message.
      element.scrollTop = element._stick?.pinned ? element.scrollHeight : element.scrollHeight - fromBottom;
    },
    dispose() { }
  };
}

/** Reports idle after `ms` without input and active again on the next input. */
export function watchIdle(dotnet, ms) {
  let idle = false;
  let timer = 0;
  const arm = () => {
    if (idle) { idle = false; dotnet.invokeMethodAsync('SetIdle', false); }
    clearTimeout(timer);
    timer = setTimeout(() => { idle = true; dotnet.invokeMethodAsync('SetIdle', true); }, ms);
  };
  const events = ['mousemove', 'keydown', 'pointerdown', 'focus', 'visibilitychange'];
  events.forEach(e => window.addEventListener(e, arm, { passive: true }));
  arm();
  return { dispose() { clearTimeout(timer); events.forEach(e => window.removeEventListener(e, arm)); } };
}

/** Single-key shortcuts outside text fields: j/k next/previous, r reply, e resolve, / quick replies, ? help, Escape closes. */
export function bindShortcuts(dotnet) {
  const onKey = (e) => {
    const target = e.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (e.key === 'Escape') { dotnet.invokeMethodAsync('Shortcut', 'escape'); return; }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    const map = { j: 'next', k: 'previous', r: 'reply', e: 'resolve', '/': 'quick-replies', '?': 'help' };
    const action = map[e.key];
    if (!action) return;
    e.preventDefault();
    dotnet.invokeMethodAsync('Shortcut', action);
  };
  document.addEventListener('keydown', onKey);
  return { dispose() { document.removeEventListener('keydown', onKey); } };
}

const baseTitle = document.title.replace(/^\(\d+\) /, '');

/** "(3) Inbox · InboxApp" while there are unread conversations. */
export function setUnreadTitle(count) {
  const title = document.title.replace(/^\(\d+\) /, '') || baseTitle;
  document.title = count > 0 ? `(${count}) ${title}` : title;
}

export function notificationPermission() {
  return 'Notification' in window ? Notification.permission : 'unsupported';
}

export async function requestNotifications() {
  if (!('Notification' in window)) return 'unsupported';
  return await Notification.requestPermission();
}

/** A browser notification (when allowed and the tab is hidden) and a short tone. */
export function notify(title, body, sound, tag) {
  if ('Notification' in window && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    try { new Notification(title, { body, tag }); } catch { /* some browsers only allow service-worker notifications */ }
  }
  if (sound) beep();
}

function beep() {
  try {
    const ctx = new (window.AudioContext || window.webkitAudioContext)();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.25);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
    osc.onended = () => ctx.close();
  } catch { /* audio blocked until the user interacts with the page */ }
}

/** Sets a text box's value from the server (it is not bound, so fast typing is never overwritten). */
export function setValue(element, value) {
  if (live(element)) element.value = value;
}
