/*
 * Puts the analyst's access into GraphiQL's documentation explorer: every field's description
 * gets, before its own text, a marked paragraph with its sharing class and the analyst's access
 * right now, then its owner, condition and mask, as GET /workbench/api/access reports them
 * (the policy engine's own decision). Done on the introspection result before GraphiQL builds
 * its schema, so the explorer, the type lists and the hover hints all show it.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;

  /** Starts the paragraph we add, so it is recognisable in the explorer (and in tests). */
  Sjt.ACCESS_MARKER = '〔共享 Sharing〕';

  /**
   * Text that markdown-it must show as is (conditions and names are data, not markup). Only
   * what can start markup mid-line is escaped (every line we write starts with our own label),
   * so the same text stays readable where it appears raw: the explorer plugin's tooltips.
   */
  Sjt.markdownText = function (text) {
    return String(text).replace(/[\\`*_[\]<~]/g, '\\$&');
  };

  /** The lines about one field, plain text: for the plugin panel and tooltips. */
  Sjt.accessLines = function (entry) {
    var lines = [];
    if (entry.owner)
      lines.push('属主部门 Owner: ' + (entry.ownerName || entry.owner) + ' (' + entry.owner + ')');
    if (entry.condition) lines.push('共享条件 Condition: ' + entry.condition);
    if (entry.mask) lines.push('脱敏 Mask: ' + Sjt.label(Sjt.MASKS, entry.mask));
    if (entry.grantPurposes && entry.grantPurposes.length > 0)
      lines.push('授权用途 Granted for: ' + entry.grantPurposes.join(', '));
    if (entry.reason) lines.push('原因 Reason: ' + Sjt.label(Sjt.REASONS, entry.reason));
    return lines;
  };

  /** The Markdown paragraphs put before a field's own description. */
  Sjt.accessMarkdown = function (entry) {
    var md = Sjt.markdownText;
    var head =
      Sjt.ACCESS_MARKER +
      ' ' +
      md(Sjt.label(Sjt.LEVELS, entry.level)) +
      ' · 你的权限 Your access: ' +
      md(Sjt.label(Sjt.ACCESS, entry.access));
    var details = Sjt.accessLines(entry).map(md);
    if (entry.summary) details.push(md(entry.summary));
    // breaks: true in GraphiQL's markdown-it: single newlines are line breaks in one paragraph.
    return head + '\n\n' + details.join('\n');
  };

  function enrichFields(typeName, fields, access) {
    if (!Array.isArray(fields)) return fields;
    return fields.map(function (field) {
      var entry = access[typeName + '.' + field.name];
      if (!entry) return field;
      var own = field.description ? '\n\n' + field.description : '';
      return Object.assign({}, field, { description: Sjt.accessMarkdown(entry) + own });
    });
  }

  /**
   * A copy of an introspection result whose object and interface fields carry the access
   * paragraph; `access` maps coordinates (Type.field) to /workbench/api/access entries.
   */
  Sjt.enrichIntrospection = function (result, access) {
    var schema = result && result.data && result.data.__schema;
    if (!schema || !access) return result;
    var types = schema.types.map(function (type) {
      if (type.kind !== 'OBJECT' && type.kind !== 'INTERFACE') return type;
      return Object.assign({}, type, { fields: enrichFields(type.name, type.fields, access) });
    });
    var data = Object.assign({}, result.data, {
      __schema: Object.assign({}, schema, { types: types }),
    });
    return Object.assign({}, result, { data: data });
  };

  /** Is a doc explorer definition a field of an object or interface type (not a type or argument)? */
  function isField(def) {
    return !!def && 'type' in def && Array.isArray(def.args);
  }

  /**
   * The coordinate (Type.field) of the field the documentation explorer shows, from its
   * navigation stack, or null when it shows a type, an argument or the schema.
   */
  Sjt.explorerCoordinate = function (navStack) {
    if (!navStack || navStack.length < 2) return null;
    var last = navStack[navStack.length - 1];
    if (!isField(last.def)) return null;
    for (var i = navStack.length - 2; i >= 0; i--) {
      var def = navStack[i].def;
      if (def && typeof def.getFields === 'function') return def.name + '.' + last.def.name;
      if (isField(def)) return null;
    }
    return null;
  };
})();
