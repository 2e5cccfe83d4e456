/*
 * What a query cannot have and what the analyst can do about it: the FORBIDDEN_FIELD errors of
 * a result (extensions.coordinate and reason) and the policy's dry-run on the document, merged
 * into the items of a sharing application (申请共享). Only what an application can cure is
 * offered: no grant, not for this purpose, an expired grant, and masked values asked for in
 * the clear; not-shared fields and missing purposes or cases are explained instead.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;

  /** The withheld fields of a GraphQL result, one per coordinate and reason. */
  Sjt.denialsOfResult = function (result) {
    var errors = (result && Array.isArray(result.errors) && result.errors) || [];
    var seen = {};
    var out = [];
    errors.forEach(function (e) {
      var ext = e && e.extensions;
      if (!ext || ext.code !== 'FORBIDDEN_FIELD' || !ext.coordinate) return;
      var key = ext.coordinate + ' ' + ext.reason;
      if (seen[key]) return;
      seen[key] = true;
      out.push({
        coordinate: String(ext.coordinate),
        decidedBy: ext.decidedBy ? String(ext.decidedBy) : null,
        reason: ext.reason ? String(ext.reason) : null,
        message: String(e.message || ''),
        path: Array.isArray(e.path) ? e.path.join('.') : null,
      });
    });
    return out;
  };

  /**
   * The items a sharing application would name, from the last result's denials and the
   * dry-run (withheld and masked fields), one row per coordinate (the one whose rule decided):
   *   { coordinate, reason, message, masked, mask, applicable, checked }.
   * Withheld items an application can cure are pre-checked; masked ones are offered unchecked
   * (they are read already, masked; an application would ask for clear values).
   */
  Sjt.applicationItems = function (denials, dryRun) {
    var rows = [];
    var byCoordinate = {};
    function add(row) {
      var prior = byCoordinate[row.coordinate];
      if (prior) {
        // A withheld field outranks a masked one; the first reason that can be cured wins.
        if (prior.masked && !row.masked) Object.assign(prior, row);
        else if (!prior.applicable && row.applicable) Object.assign(prior, row);
        return;
      }
      byCoordinate[row.coordinate] = row;
      rows.push(row);
    }
    function withheld(d) {
      var applicable = Sjt.APPLICABLE_REASONS.indexOf(d.reason) >= 0;
      add({
        // A field asked on an interface is applied for as the implementation whose rule withheld it.
        coordinate: d.decidedBy || d.coordinate,
        reason: d.reason,
        message: d.message || '',
        masked: false,
        mask: null,
        applicable: applicable,
        checked: applicable,
      });
    }
    (denials || []).forEach(withheld);
    ((dryRun && dryRun.withheld) || []).forEach(withheld);
    ((dryRun && dryRun.masked) || []).forEach(function (m) {
      add({
        coordinate: m.coordinate,
        reason: null,
        message: '',
        masked: true,
        mask: m.mask || null,
        applicable: true,
        checked: false,
      });
    });
    return rows;
  };

  /** What to tell the analyst about a withheld field an application cannot cure. */
  Sjt.remedyOf = function (reason) {
    switch (reason) {
      case 'PURPOSE_REQUIRED':
        return '请在顶栏选择用途 Choose a purpose in the top bar';
      case 'NOT_SHARED':
        return '不予共享，不能申请 Not shared: it cannot be applied for';
      case 'POLICY_UNAVAILABLE':
        return '授权暂不可查，请稍后重试 Grants could not be checked: try again shortly';
      case 'CASE_REQUIRED':
      case 'CASE_CLOSED':
      case 'NOT_IN_ITEM':
      case 'NOT_CONSENTED':
      case 'SUBJECT_NOT_ON_CASE':
        return '仅限办件使用 Only for an open approval case (header x-case)';
      default:
        return '可申请共享 An application to the owner can open it';
    }
  };
})();
