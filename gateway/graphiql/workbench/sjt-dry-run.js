/*
 * The policy's dry-run on the query editor's document (POST /workbench/api/dry-run), a moment
 * after each change and whenever the purpose or the access changes: the plan the gateway would
 * enforce, marked in the editor before anything runs. Only the latest answer counts.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var DEBOUNCE_MS = 350;

  /** The variables editor's text as an object; undefined when empty. Throws on bad JSON. */
  Sjt.parseVariables = function (text) {
    if (!text || !text.trim()) return undefined;
    return JSON.parse(text);
  };

  /**
   * @param bridge ref to GraphiQL's editors ({ queryEditor, variableEditor })
   * @param purpose () => the declared purpose now
   */
  Sjt.useDryRun = function (session, paths, bridge, purpose) {
    var state = React.useState(null);
    var marker = React.useRef(null);
    if (!marker.current) marker.current = Sjt.createMarker();
    var seq = React.useRef(0);
    var set = state[1];

    var run = React.useMemo(function () {
      return Sjt.debounce(function () {
        var editor = bridge.current.queryEditor;
        if (!editor) return;
        var text = editor.getValue();
        var mine = ++seq.current;
        var done = function (result) {
          if (mine !== seq.current) return;
          if (result.withheld.length + result.masked.length > 0)
            marker.current.apply(editor, text, result);
          else marker.current.clear();
          set(result);
        };
        var nothing = function (invalid) {
          done({ text: text, withheld: [], masked: [], invalid: invalid });
        };
        if (!text.trim()) return nothing(null);
        var variables;
        try {
          var vars = bridge.current.variableEditor;
          variables = Sjt.parseVariables(vars && vars.getValue());
        } catch {
          variables = undefined; // GraphiQL shows the variables' own error
        }
        session
          .request(paths.dryRun, {
            method: 'POST',
            json: {
              query: text,
              operationName: editor.operationName || undefined,
              variables: variables,
            },
            purpose: purpose(),
          })
          .then(function (res) {
            return res
              .json()
              .catch(function () {
                return null;
              })
              .then(function (body) {
                if (!res.ok) return nothing(Sjt.errorMessage(body, res.status));
                done({ text: text, withheld: body.withheld || [], masked: body.masked || [] });
              });
          })
          .catch(function () {
            nothing('预检不可用 Dry-run unavailable');
          });
      }, DEBOUNCE_MS);
    }, []);

    return { dryRun: state[0], run: run };
  };
})();
