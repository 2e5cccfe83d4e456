/*
 * The analyst's session in the page: who is signed in and the CSRF token (GET /auth/session),
 * requests to the gateway with the session cookie, that token and the declared purpose, the
 * refresh of the short-lived session token while the tab is in use, and sign-out. The cookie
 * is HttpOnly: the page never sees the token itself.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var PURPOSE_KEY = 'sjt.purpose';

  /** The purpose chosen in this tab (sessionStorage: per tab, gone when it closes). */
  Sjt.purposeStore = {
    get: function () {
      try {
        return window.sessionStorage.getItem(PURPOSE_KEY) || null;
      } catch {
        return null;
      }
    },
    set: function (code) {
      try {
        if (code) window.sessionStorage.setItem(PURPOSE_KEY, code);
        else window.sessionStorage.removeItem(PURPOSE_KEY);
      } catch {
        // Storage refused (private mode): the choice lasts as long as the page.
      }
    },
  };

  /**
   * When to refresh a token valid until `expiresAt`: a minute before it ends, or a fifth of its
   * life for short ones, and never after the session's own end. Milliseconds from `now`.
   */
  Sjt.refreshDelay = function (now, issuedAt, expiresAt, sessionEndsAt) {
    var life = Math.max(0, expiresAt - issuedAt);
    var margin = Math.min(60000, life / 5);
    var at = Math.min(expiresAt - margin, sessionEndsAt);
    return Math.max(1000, at - now);
  };

  /**
   * Where sign-out goes: the gateway's answer, a path here or the identity provider's
   * end-session URL (http(s)); anything else (javascript:, //host) falls back to `signIn`.
   */
  Sjt.afterSignOut = function (next, signIn) {
    if (typeof next !== 'string') return signIn;
    if (Sjt.localPath(next, null)) return next;
    return /^https?:\/\/[^/\\]/i.test(next) ? next : signIn;
  };

  Sjt.createSession = function (paths) {
    var state = null;
    var issuedAt = 0;
    var lastActivity = Date.now();
    var refreshedAt = Date.now();
    var timer = null;
    var listeners = [];

    function signInAgain() {
      var next = window.location.pathname + window.location.search;
      window.location.assign(paths.signIn + '?next=' + encodeURIComponent(next));
    }

    function accept(body) {
      state = body;
      issuedAt = Date.now();
      refreshedAt = issuedAt;
      schedule();
      listeners.forEach(function (fn) {
        fn(state);
      });
      return state;
    }

    function schedule() {
      clearTimeout(timer);
      if (!state) return;
      var delay = Sjt.refreshDelay(
        Date.now(),
        issuedAt,
        Date.parse(state.expiresAt),
        Date.parse(state.sessionExpiresAt || state.expiresAt),
      );
      timer = setTimeout(onTimer, delay);
    }

    /** Refresh only a tab in use: an abandoned one lets its token lapse and must sign in again. */
    function onTimer() {
      if (lastActivity > refreshedAt) refresh();
    }

    function refresh() {
      return fetch(paths.refresh, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': state ? state.csrfToken : '' },
      }).then(function (res) {
        if (res.status === 401) return signInAgain();
        if (!res.ok) return null;
        return res.json().then(accept);
      });
    }

    function noteActivity() {
      var now = Date.now();
      lastActivity = now;
      // The timer passed while the tab sat idle: renew now that it is used again.
      if (state && now >= Date.parse(state.expiresAt) - 30000 && refreshedAt < now - 5000) {
        refreshedAt = now;
        refresh();
      }
    }
    ['keydown', 'pointerdown'].forEach(function (type) {
      document.addEventListener(type, noteActivity, { capture: true, passive: true });
    });

    /** fetch() with the session's credentials, CSRF token and (when given) the declared purpose. */
    function request(path, options) {
      options = options || {};
      var headers = Object.assign({ accept: 'application/json' }, options.headers || {});
      if (state) headers['x-csrf-token'] = state.csrfToken;
      if (options.purpose) headers['x-purpose'] = options.purpose;
      var init = { method: options.method || 'GET', credentials: 'same-origin', headers: headers };
      if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(options.json);
      }
      return fetch(path, init).then(function (res) {
        // A lapsed or revoked session: sign in again and come back here.
        if (res.status === 401 && !options.keep401)
          return load().then(function () {
            return res;
          });
        return res;
      });
    }

    /** request() answering parsed JSON; rejects with the server's message. */
    function json(path, options) {
      return request(path, options).then(function (res) {
        return res
          .json()
          .catch(function () {
            return null;
          })
          .then(function (body) {
            if (!res.ok) {
              var err = new Error(Sjt.errorMessage(body, res.status));
              err.status = res.status;
              err.body = body;
              throw err;
            }
            return body;
          });
      });
    }

    function load() {
      return fetch(paths.session, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
        .then(function (res) {
          if (res.status === 401) {
            signInAgain();
            return new Promise(function () {}); // the page is leaving
          }
          if (!res.ok) throw new Error('会话不可用 Session unavailable (HTTP ' + res.status + ')');
          return res.json();
        })
        .then(accept);
    }

    function signOut() {
      return fetch(paths.signOut, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': state ? state.csrfToken : '', accept: 'application/json' },
      })
        .then(function (res) {
          return res.json().catch(function () {
            return {};
          });
        })
        .then(function (body) {
          clearTimeout(timer);
          // Queries, results and the purpose stay in this tab's storage: not after sign-out.
          try {
            window.sessionStorage.clear();
          } catch {
            // nothing stored
          }
          window.location.assign(Sjt.afterSignOut(body && body.next, paths.signIn));
        });
    }

    return {
      load: load,
      refresh: refresh,
      request: request,
      json: json,
      signOut: signOut,
      current: function () {
        return state;
      },
      onChange: function (fn) {
        listeners.push(fn);
      },
    };
  };
})();
