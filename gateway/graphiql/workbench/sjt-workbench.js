/*
 * Boots the workbench: reads the session (sign-in happened on the gateway's sign-in page; the
 * session cookie is HttpOnly), the analyst's purposes, then renders the top bar and GraphiQL
 * with the explorer (build queries by clicking) and the sharing plugin. GraphiQL's fetcher
 * sends the session's CSRF token and the declared purpose; nothing is pasted, and the
 * introspection result carries the analyst's access into the documentation explorer.
 */
/* global GraphiQLPluginExplorer -- defined by @graphiql/plugin-explorer's UMD bundle */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;
  var explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
  // One array for every render: GraphiQL resets the visible plugin whenever `plugins` changes.
  var PLUGINS = [explorer, Sjt.sharingPlugin];

  /** Headers the workbench sets itself; the headers editor cannot override them. */
  var OWN_HEADERS = /^(x-purpose|x-csrf-token|cookie|content-type)$/i;

  /**
   * GraphiQL's query and tab state in this tab's sessionStorage, not localStorage: queries
   * and variables may hold ID numbers, and a shared office computer should not keep them.
   */
  var tabStorage = {
    getItem: function (k) {
      return window.sessionStorage.getItem(k);
    },
    setItem: function (k, v) {
      window.sessionStorage.setItem(k, v);
    },
    removeItem: function (k) {
      window.sessionStorage.removeItem(k);
    },
    get length() {
      return Object.keys(window.sessionStorage).filter(function (k) {
        return k.indexOf('graphiql:') === 0;
      }).length;
    },
    clear: function () {
      Object.keys(window.sessionStorage).forEach(function (k) {
        if (k.indexOf('graphiql:') === 0) window.sessionStorage.removeItem(k);
      });
    },
  };

  /** Inside GraphiQL's providers: hands the editors and plugin switch to the workbench. */
  function Bridge() {
    var ctx = React.useContext(Sjt.WorkbenchContext);
    var editors = GraphiQL.React.useEditorContext({ nonNull: true });
    var plugins = GraphiQL.React.usePluginContext();
    ctx.bridge.current.queryEditor = editors.queryEditor;
    ctx.bridge.current.variableEditor = editors.variableEditor;
    ctx.bridge.current.plugin = plugins;
    var queryEditor = editors.queryEditor;
    React.useEffect(
      function () {
        if (!queryEditor) return undefined;
        var onChange = function () {
          ctx.onQueryChange();
        };
        queryEditor.on('change', onChange);
        ctx.onQueryChange();
        return function () {
          queryEditor.off('change', onChange);
        };
      },
      [queryEditor],
    );
    return null;
  }

  function createFetcher(ctx, rawIntrospection, access) {
    return function fetcher(params, opts) {
      var extra = {};
      var given = (opts && opts.headers) || {};
      Object.keys(given).forEach(function (k) {
        if (!OWN_HEADERS.test(k)) extra[k] = String(given[k]);
      });
      if (params.operationName === 'IntrospectionQuery') {
        if (!rawIntrospection.current)
          rawIntrospection.current = ctx.graphql(params.query, {}, extra).then(function (raw) {
            if (!raw || !raw.data) rawIntrospection.current = null;
            return raw;
          });
        return rawIntrospection.current.then(function (raw) {
          return Sjt.enrichIntrospection(raw, access && access.fields);
        });
      }
      return ctx.session
        .request(ctx.paths.graphql, {
          method: 'POST',
          json: params,
          purpose: ctx.currentPurpose(),
          headers: Object.assign(
            { accept: 'application/graphql-response+json, application/json' },
            extra,
          ),
        })
        .then(function (res) {
          return res.json().catch(function () {
            return { errors: [{ message: 'HTTP ' + res.status + ' ' + res.statusText }] };
          });
        })
        .then(function (result) {
          ctx.setDenials(Sjt.denialsOfResult(result));
          return result;
        });
    };
  }

  function Workbench(props) {
    var ctx = Sjt.useWorkbench(props.session, props.paths, props.me);
    var rawIntrospection = React.useRef(null);
    var access = ctx.access;
    // A new fetcher when the access changes: GraphiQL then rebuilds the schema, and the
    // documentation explorer shows the new access (the introspection itself is fetched once).
    var fetcherRef = React.useRef({});
    if (fetcherRef.current.access !== access)
      fetcherRef.current = {
        access: access,
        fetcher: createFetcher(ctx, rawIntrospection, access),
      };
    return h(
      Sjt.WorkbenchContext.Provider,
      { value: ctx },
      h(
        'div',
        { className: 'sjt-app' },
        h(Sjt.TopBar, { ctx: ctx }),
        h(Sjt.StatusStrip, { ctx: ctx }),
        h(
          'main',
          { className: 'sjt-main' },
          access
            ? h(
                GraphiQL,
                {
                  fetcher: fetcherRef.current.fetcher,
                  defaultQuery: props.defaultQuery,
                  plugins: PLUGINS,
                  visiblePlugin: GraphiQL.React.DOC_EXPLORER_PLUGIN,
                  toolbar: { additionalComponent: Bridge },
                  storage: tabStorage,
                  shouldPersistHeaders: false,
                  defaultEditorToolsVisibility: false,
                },
                h(GraphiQL.Logo, null, '数据通 Shujutong'),
              )
            : h(
                'p',
                { className: 'sjt-loading', role: 'status' },
                '正在读取你的权限… Reading your access…',
              ),
        ),
      ),
    );
  }

  function start() {
    var config = Sjt.config();
    var rootElement = document.getElementById('workbench');
    var session = Sjt.createSession(config.paths);
    session
      .load()
      .then(function () {
        return session.json(config.paths.me);
      })
      .then(function (me) {
        ReactDOM.createRoot(rootElement).render(
          h(Workbench, {
            session: session,
            paths: config.paths,
            me: me,
            defaultQuery: config.defaultQuery,
          }),
        );
      })
      .catch(function (err) {
        rootElement.textContent = '工作台无法启动 The workbench could not start: ' + err.message;
      });
  }

  start();
})();
