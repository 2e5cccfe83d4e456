/*
 * Marks, in GraphiQL's query editor (CodeMirror 5), the fields the policy's dry-run says would
 * be withheld (sjt-withheld) or masked (sjt-masked), each with the reason as its title, before
 * the query is run. Positions come from the dry-run's GraphQL locations (1-based line and
 * column of the field, alias included).
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var NAME = /^[_A-Za-z][_0-9A-Za-z]*/;

  /**
   * The span of a field selection starting at `ch` in `lineText`: its name, or `alias: name`.
   * Null when no name starts there (the document changed since the dry-run).
   */
  Sjt.fieldSpan = function (lineText, ch) {
    var rest = lineText.slice(ch);
    var first = NAME.exec(rest);
    if (!first) return null;
    var end = ch + first[0].length;
    var alias = /^\s*:\s*([_A-Za-z][_0-9A-Za-z]*)/.exec(lineText.slice(end));
    if (alias) end += alias[0].length;
    return { from: ch, to: end };
  };

  /**
   * The marks to make for a dry-run answer on a document of `lines` (its text split on
   * newlines): [{ line, from, to, kind: 'withheld'|'masked', title }], one per location.
   */
  Sjt.dryRunMarks = function (lines, dryRun) {
    var marks = [];
    var taken = {};
    function each(list, kind, title) {
      (list || []).forEach(function (entry) {
        (entry.locations || []).forEach(function (loc) {
          var line = loc.line - 1;
          var key = line + ':' + loc.column;
          if (taken[key] || line < 0 || line >= lines.length) return;
          var span = Sjt.fieldSpan(lines[line], loc.column - 1);
          if (!span) return;
          taken[key] = true;
          marks.push({ line: line, from: span.from, to: span.to, kind: kind, title: title(entry) });
        });
      });
    }
    each(dryRun && dryRun.withheld, 'withheld', function (w) {
      return (
        '将被扣留 Withheld: ' +
        w.coordinate +
        ' — ' +
        Sjt.label(Sjt.REASONS, w.reason) +
        (w.message ? '. ' + w.message : '')
      );
    });
    each(dryRun && dryRun.masked, 'masked', function (m) {
      return '将脱敏 Masked: ' + m.coordinate + ' — ' + Sjt.label(Sjt.MASKS, m.mask);
    });
    return marks;
  };

  /** Keeps one editor's marks: each apply() replaces the previous ones. */
  Sjt.createMarker = function () {
    var made = [];
    function clear() {
      made.forEach(function (m) {
        m.clear();
      });
      made = [];
    }
    return {
      clear: clear,
      /** Marks `dryRun` in `editor` if it still holds `text`, the document the dry-run judged. */
      apply: function (editor, text, dryRun) {
        clear();
        if (!editor || editor.getValue() !== text) return 0;
        Sjt.dryRunMarks(text.split('\n'), dryRun).forEach(function (m) {
          made.push(
            editor.markText(
              { line: m.line, ch: m.from },
              { line: m.line, ch: m.to },
              {
                className: 'sjt-' + m.kind,
                attributes: { title: m.title, 'data-sjt-mark': m.kind },
              },
            ),
          );
        });
        return made.length;
      },
    };
  };
})();
