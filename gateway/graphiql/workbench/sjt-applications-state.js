/*
 * The department's applications as the workbench keeps them: loaded at start, re-read on
 * demand and every 15 s while some are pending and the tab is visible, so an owner's answer
 * shows without reloading the page; `onAnswered` hears of applications an owner answered.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var POLL_MS = 15000;

  Sjt.useApplications = function (graphql, onAnswered) {
    var state = React.useState({ list: null, loading: false, error: null, fresh: null });
    var set = state[1];
    var previous = React.useRef(null);
    var answered = React.useRef(onAnswered);
    answered.current = onAnswered;

    /** @param fresh the id of an application just submitted, to show it highlighted */
    function refresh(fresh) {
      set(function (s) {
        return Object.assign({}, s, { loading: true, error: null });
      });
      return Sjt.loadApplications(graphql).then(
        function (list) {
          var changed = previous.current ? Sjt.answeredSince(previous.current, list) : [];
          previous.current = list;
          set({ list: list, loading: false, error: null, fresh: fresh || null });
          if (changed.length > 0) return answered.current(changed);
        },
        function (err) {
          set(function (s) {
            return Object.assign({}, s, { loading: false, error: err.message });
          });
        },
      );
    }

    React.useEffect(function () {
      refresh();
    }, []);

    var pending = (state[0].list || []).some(function (a) {
      return a.status === 'PENDING';
    });
    React.useEffect(
      function () {
        if (!pending) return undefined;
        var timer = setInterval(function () {
          if (document.visibilityState === 'visible') refresh();
        }, POLL_MS);
        return function () {
          clearInterval(timer);
        };
      },
      [pending],
    );

    return { state: state[0], refresh: refresh };
  };
})();
