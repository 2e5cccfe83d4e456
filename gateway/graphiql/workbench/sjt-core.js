/*
 * The workbench's namespace (window.Sjt) and what every page shares: the settings the gateway
 * embedded, the words for sharing classes, access rights, denial reasons and application
 * states (Chinese first, English beside it), and small helpers. Plain ES2017, no build step:
 * each later script adds to Sjt.
 */
(function () {
  'use strict';
  var Sjt = (window.Sjt = window.Sjt || {});

  /** React.createElement, looked up when called: the pure helpers load without React in tests. */
  Sjt.h = function () {
    return React.createElement.apply(React, arguments);
  };

  var config = null;
  /** The page's settings (gateway/workbench/ui/workbench-pages-html.ts). */
  Sjt.config = function () {
    if (!config) config = JSON.parse(document.getElementById('sjt-config').textContent);
    return config;
  };

  Sjt.LEVELS = {
    UNCONDITIONAL: '无条件共享 Unconditional',
    CONDITIONAL: '有条件共享 Conditional',
    NONE: '不予共享 Not shared',
  };

  Sjt.ACCESS = {
    OWNER: '本部门数据 Own department data',
    CLEAR: '可读明文 Readable in the clear',
    MASKED: '脱敏后可读 Readable masked',
    NEEDS_GRANT: '需申请授权 Needs a grant',
    NEEDS_PURPOSE: '需声明用途 Declare a purpose',
    NOT_SHARED: '不予共享 Not shared',
    UNAVAILABLE: '授权暂不可查 Grants unavailable',
    CASE_ONLY: '仅限办件 Only for an approval case',
  };

  /** How an access right reads at a glance: for the marks and badges. */
  Sjt.ACCESS_TONE = {
    OWNER: 'ok',
    CLEAR: 'ok',
    MASKED: 'masked',
    NEEDS_GRANT: 'withheld',
    NEEDS_PURPOSE: 'withheld',
    NOT_SHARED: 'withheld',
    UNAVAILABLE: 'withheld',
    CASE_ONLY: 'withheld',
  };

  Sjt.MASKS = {
    ID_NUMBER: '身份证号 ID number',
    PHONE: '电话 Phone',
    NAME: '姓名 Name',
    ADDRESS: '地址 Address',
    DATE: '日期 Date',
    CERTIFICATE_NUMBER: '证照号 Certificate number',
    COORDINATES: '坐标 Coordinates',
    FREE_TEXT: '文本 Free text',
  };

  Sjt.REASONS = {
    NO_GRANT: '无授权 No grant',
    PURPOSE_REQUIRED: '未声明用途 No purpose declared',
    PURPOSE_NOT_GRANTED: '用途未获授权 Not granted for this purpose',
    GRANT_EXPIRED: '授权已过期 Grant expired',
    NOT_SHARED: '不予共享 Not shared',
    POLICY_UNAVAILABLE: '授权暂不可查 Grants unavailable',
    CASE_REQUIRED: '需指明办件 Name the case',
    CASE_CLOSED: '办件已办结 Case closed',
    NOT_IN_ITEM: '不在事项数据清单 Not in the item data list',
    NOT_CONSENTED: '申请人未授权 Not consented',
    SUBJECT_NOT_ON_CASE: '非办件申请人 Not an applicant of the case',
  };

  /** Reasons an application to the owner can cure; the others need a purpose, a case or nothing helps. */
  Sjt.APPLICABLE_REASONS = ['NO_GRANT', 'PURPOSE_NOT_GRANTED', 'GRANT_EXPIRED'];

  Sjt.APPLICATION_STATUS = {
    PENDING: '待答复 Pending',
    APPROVED: '已批准 Approved',
    REJECTED: '不予共享 Refused',
    PARTIALLY_APPROVED: '部分批准 Partly approved',
  };

  /** A label from one of the tables above, or the code itself when the table lacks it. */
  Sjt.label = function (table, code) {
    return code == null ? '' : table[code] || String(code);
  };

  Sjt.debounce = function (fn, ms) {
    var timer = null;
    var debounced = function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () {
        timer = null;
        fn.apply(null, args);
      }, ms);
    };
    debounced.cancel = function () {
      clearTimeout(timer);
      timer = null;
    };
    return debounced;
  };

  /** Today in China Standard Time as YYYY-MM-DD (dates of the sharing workflow are CST dates). */
  Sjt.chinaToday = function (now) {
    var t = new Date((now === undefined ? Date.now() : now) + 8 * 3600 * 1000);
    return t.toISOString().slice(0, 10);
  };

  /** `path` when it is a path on this origin (not //host or a URL), else `fallback`. */
  Sjt.localPath = function (path, fallback) {
    return typeof path === 'string' && /^\/(?![/\\])/.test(path) ? path : fallback;
  };

  /** The first GraphQL-style error message of a JSON answer, or a fallback naming the status. */
  Sjt.errorMessage = function (body, status) {
    var first = body && Array.isArray(body.errors) && body.errors[0];
    if (first && first.message) return String(first.message);
    return status ? 'HTTP ' + status : '请求失败 Request failed';
  };
})();
