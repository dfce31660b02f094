// The partner connect page (Features/Partners/ConnectPageHtml.cs): runs Meta's Embedded Signup with the platform's app,
// or connects a sandbox number, then finishes with POST …/whatsapp/onboard using the page's single-use token.
(function () {
    'use strict';
    const d = document.body.dataset;
    if (!d.token) return;
    const status = document.getElementById('status');
    const buttons = () => document.querySelectorAll('button');

    function show(text, error) {
        status.textContent = text;
        status.className = error ? 'error' : 'ok';
    }

    async function onboard(payload) {
        buttons().forEach(b => { b.disabled = true; });
        show('Connecting…', false);
        status.className = '';
        let response;
        let result = null;
        try {
            response = await fetch(d.onboardUrl, {
                method: 'POST',
                credentials: 'omit',
                headers: { 'Content-Type': 'application/json', 'X-Account-Id': d.accountId },
                body: JSON.stringify(Object.assign({ token: d.token }, payload)),
            });
            result = await response.json();
        } catch (e) {
            show('The server could not be reached. Try again.', true);
            buttons().forEach(b => { b.disabled = false; });
            return;
        }
        if (response.ok && result && result.success) {
            show(result.phone_status === 'registration_failed'
                ? 'Your WhatsApp Business account is connected, but the number could not be registered yet. It can be registered again later.'
                : 'Your WhatsApp number is connected.', false);
            if (window.parent !== window) {
                window.parent.postMessage({ type: 'inboxapp:whatsapp-connected', waba_status: result.waba_status, phone_status: result.phone_status }, '*');
            }
            if (result.redirect_url) window.location.assign(result.redirect_url);
            return;
        }
        const message = result && result.error && result.error.message ? result.error.message : 'The connection failed.';
        show(message, true);
        // A used or expired token cannot be retried: the page must be opened again.
        if (response.status !== 409 && response.status !== 403 && response.status !== 404) buttons().forEach(b => { b.disabled = false; });
    }

    const sandboxButton = document.getElementById('connect-sandbox');
    if (sandboxButton) sandboxButton.addEventListener('click', () => onboard({ sandbox: true }));

    const metaButton = document.getElementById('connect-meta');
    if (!metaButton) return;
    let code = null;
    let session = null;
    const finish = () => {
        if (code && session) {
            onboard({ code: code, waba_id: session.waba_id, phone_number_id: session.phone_number_id, business_id: session.business_id });
        }
    };
    window.addEventListener('message', (event) => {
        if (!/^https:\/\/([a-z0-9-]+\.)*facebook\.com$/.test(event.origin)) return;
        let data = event.data;
        try { if (typeof data === 'string') data = JSON.parse(data); } catch (e) { return; }
        if (!data || data.type !== 'WA_EMBEDDED_SIGNUP') return;
        if (data.event === 'FINISH' || data.event === 'FINISH_ONLY_WABA') {
            session = data.data || {};
            finish();
        } else if (data.event === 'CANCEL') {
            show('The signup was cancelled' + (data.data && data.data.current_step ? ' at step ' + data.data.current_step : '') + '. You can start again.', true);
        } else if (data.event === 'ERROR') {
            show('Meta reported an error: ' + ((data.data && data.data.error_message) || 'unknown error'), true);
        }
    });
    window.fbAsyncInit = function () {
        window.FB.init({ appId: d.appId, autoLogAppEvents: true, xfbml: false, version: d.graphVersion });
        metaButton.disabled = false;
    };
    metaButton.addEventListener('click', () => {
        window.FB.login((response) => {
            if (response && response.authResponse && response.authResponse.code) {
                code = response.authResponse.code;
                finish();
            } else {
                show('The Facebook sign-in was not completed. You can start again.', true);
            }
        }, {
            config_id: d.configId,
            response_type: 'code',
            override_default_response_type: true,
            extras: { setup: {}, featureType: '', sessionInfoVersion: '3' },
        });
    });
    const sdk = document.createElement('script');
    sdk.src = 'https://connect.facebook.net/en_US/sdk.js';
    sdk.async = true;
    sdk.defer = true;
    sdk.crossOrigin = 'anonymous';
    document.body.appendChild(sdk);
})();
