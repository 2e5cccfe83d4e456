/*
 * The workbench's state and actions (a React hook) that its top bar, strip and sharing panel
 * share: the purpose, the analyst's access (GET /workbench/api/access), the dry-run, the
 * denials of the last result, the applications and the application form, exports and notices.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  /** Gateways may hold a department's old grants a moment (their cache): read access again. */
  var REREAD_MS = [1500, 5000];

  function codesOf(me) {
    return ((me && me.purposes) || []).map(function (p) {
      return p.code;
    });
  }

  function initialPurpose(me) {
    var codes = codesOf(me);
    var stored = Sjt.purposeStore.get();
    if (stored && codes.indexOf(stored) >= 0) return stored;
    // One purpose is no choice to make; with several the analyst declares one deliberately.
    return codes.length === 1 ? codes[0] : null;
  }

  Sjt.useWorkbench = function (session, paths, initialMe) {
    var useState = React.useState;
    var sessionState = useState(session.current());
    var meState = useState(initialMe);
    var purposeState = useState(function () {
      return initialPurpose(initialMe);
    });
    var accessState = useState(null);
    var accessEpoch = useState(0);
    var denialsState = useState([]);
    var tabState = useState('field');
    var applyingState = useState(null);
    var noticeState = useState(null);
    var exportingState = useState(false);
    var bridge = React.useRef({});
    var latest = React.useRef({});
    var preferredPurpose = React.useRef(null);
    var noticeTimer = React.useRef(null);
    var purpose = purposeState[0];
    latest.current.purpose = purpose;
    var currentPurpose = function () {
      return latest.current.purpose;
    };

    React.useEffect(function () {
      session.onChange(sessionState[1]);
    }, []);

    function notify(text, tone) {
      clearTimeout(noticeTimer.current);
      noticeState[1]({ text: text, tone: tone || 'ok' });
      if (tone !== 'error')
        noticeTimer.current = setTimeout(function () {
          noticeState[1](null);
        }, 10000);
    }

    /** A GraphQL request as the signed-in analyst, for the declared purpose; the body whatever the status. */
    function graphql(query, variables, extraHeaders) {
      return session
        .request(paths.graphql, {
          method: 'POST',
          json: { query: query, variables: variables || {} },
          purpose: currentPurpose(),
          headers: Object.assign(
            { accept: 'application/graphql-response+json, application/json' },
            extraHeaders,
          ),
        })
        .then(function (res) {
          return res.json().catch(function () {
            return { errors: [{ message: 'HTTP ' + res.status }] };
          });
        });
    }

    function setPurpose(code) {
      Sjt.purposeStore.set(code);
      purposeState[1](code);
    }

    function rereadAccess() {
      accessEpoch[1](function (n) {
        return n + 1;
      });
    }

    React.useEffect(
      function () {
        var live = true;
        session.json(paths.access, { purpose: purpose }).then(
          function (body) {
            if (live) accessState[1](body);
          },
          function (err) {
            if (!live) return;
            accessState[1]({ purpose: purpose, fields: {}, failed: true });
            notify('无法读取权限 Could not read your access: ' + err.message, 'error');
          },
        );
        return function () {
          live = false;
        };
      },
      [purpose, accessEpoch[0]],
    );

    var dry = Sjt.useDryRun(session, paths, bridge, currentPurpose);
    React.useEffect(dry.run, [accessState[0]]);

    /** After an owner's answer: the purposes the grants name, then the access, may have changed. */
    function reloadMe() {
      return session.json(paths.me).then(function (me) {
        meState[1](me);
        var codes = codesOf(me);
        var current = currentPurpose();
        var preferred = preferredPurpose.current;
        if (current && codes.indexOf(current) < 0) setPurpose(null);
        else if (!current && preferred && codes.indexOf(preferred) >= 0) setPurpose(preferred);
        else if (!current && codes.length === 1) setPurpose(codes[0]);
        rereadAccess();
      });
    }

    var apps = Sjt.useApplications(graphql, function (answered) {
      var states = answered.map(function (a) {
        return Sjt.label(Sjt.APPLICATION_STATUS, a.status);
      });
      notify('申请已答复 An owner answered: ' + states.join(', '));
      REREAD_MS.forEach(function (ms) {
        setTimeout(rereadAccess, ms);
      });
      return reloadMe();
    });

    function showPlugin() {
      if (bridge.current.plugin) bridge.current.plugin.setVisiblePlugin(Sjt.sharingPlugin);
    }

    var ctx = {
      paths: paths,
      session: session,
      caller: sessionState[0] && sessionState[0].caller,
      via: sessionState[0] && sessionState[0].via,
      me: meState[0],
      purpose: purpose,
      /** The purpose now, for callbacks made in an earlier render (GraphiQL's fetcher). */
      currentPurpose: currentPurpose,
      setPurpose: setPurpose,
      access: accessState[0],
      accessFields: accessState[0] && accessState[0].fields,
      dryRun: dry.dryRun,
      onQueryChange: dry.run,
      denials: denialsState[0],
      setDenials: denialsState[1],
      panelTab: tabState[0],
      setPanelTab: tabState[1],
      applying: applyingState[0],
      applications: apps.state,
      refreshApplications: function () {
        return apps.refresh();
      },
      notice: noticeState[0],
      notify: notify,
      exporting: exportingState[0],
      bridge: bridge,
      graphql: graphql,
      signOut: session.signOut,
    };
    ctx.showPanel = function (tab) {
      applyingState[1](null);
      tabState[1](tab);
      showPlugin();
    };
    ctx.applicationRows = function () {
      return Sjt.applicationItems(ctx.denials, ctx.dryRun);
    };
    ctx.openApply = function (rows) {
      applyingState[1]({ rows: rows, key: Date.now() });
      showPlugin();
    };
    ctx.closeApply = function () {
      applyingState[1](null);
    };
    ctx.submitApplication = function (input) {
      return graphql(Sjt.APPLY_MUTATION, { input: input }).then(function (result) {
        if (result.errors || !result.data) throw new Error(Sjt.errorMessage(result));
        var app = result.data.applyForSharing;
        var owners = app.requests.map(function (r) {
          return r.owner.name;
        });
        preferredPurpose.current = input.purposes[0];
        applyingState[1](null);
        tabState[1]('applications');
        notify(
          '申请已提交 Application submitted to ' +
            owners.join('、') +
            '；答复期限 due ' +
            app.dueOn,
        );
        return apps.refresh(app.id);
      });
    };
    ctx.exportAs = function (format) {
      var b = bridge.current;
      if (!b.queryEditor) return;
      var body;
      try {
        body = {
          query: b.queryEditor.getValue(),
          variables: Sjt.parseVariables(b.variableEditor && b.variableEditor.getValue()),
          operationName: b.queryEditor.operationName || undefined,
        };
      } catch {
        return notify('变量不是有效的 JSON The variables are not valid JSON', 'error');
      }
      exportingState[1](true);
      Sjt.exportResult(session, paths.export, format, body, currentPurpose()).then(function (r) {
        exportingState[1](false);
        if (r.ok) notify('已导出 Exported ' + r.filename);
        else notify('导出被拒绝 Export refused: ' + r.message, 'error');
      });
    };
    return ctx;
  };
})();
