/*
 * The workbench's top bar: who is signed in (department, application, operator), the purpose
 * (用途) chosen from those the department's grants name, links to the catalogue and to the
 * department's applications, the result exports and sign-out; below it, a strip saying what
 * the query in the editor would lose, with the one action that asks for it.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;

  function Analyst(props) {
    var c = props.caller || {};
    return h(
      'div',
      { className: 'sjt-analyst', 'aria-label': '当前用户 Signed in as' },
      h('strong', null, c.departmentName || c.department),
      c.application ? h('span', null, ' · 应用 ', h('code', null, c.application)) : null,
      c.operator ? h('span', null, ' · ', c.operator) : null,
      props.via === 'dev'
        ? h(
            'span',
            {
              className: 'sjt-dev',
              title: '开发用登录，不得用于生产 Development sign-in: not for production',
            },
            '开发登录 dev',
          )
        : null,
    );
  }

  function PurposeSelect(props) {
    var ctx = props.ctx;
    var purposes = (ctx.me && ctx.me.purposes) || [];
    return h(
      'label',
      { className: 'sjt-purpose' },
      h('span', null, '用途 Purpose'),
      h(
        'select',
        {
          id: 'sjt-purpose',
          value: ctx.purpose || '',
          onChange: function (e) {
            ctx.setPurpose(e.target.value || null);
          },
          title:
            '本次查询的使用用途（仅限本部门授权所列用途）The purpose of your requests (those your grants name)',
        },
        h(
          'option',
          { value: '' },
          purposes.length ? '— 未声明 None declared —' : '— 无授权用途 No granted purpose —',
        ),
        purposes.map(function (p) {
          return h('option', { key: p.code, value: p.code }, p.name + ' (' + p.code + ')');
        }),
      ),
    );
  }

  Sjt.TopBar = function TopBar(props) {
    var ctx = props.ctx;
    var paths = ctx.paths;
    return h(
      'header',
      { className: 'sjt-topbar' },
      h(
        'div',
        { className: 'sjt-brand', title: '数据通 Shujutong · 分析工作台 Workbench' },
        '数据通 ',
        h('span', null, 'Workbench'),
      ),
      h(Analyst, { caller: ctx.caller, via: ctx.via }),
      h(PurposeSelect, { ctx: ctx }),
      h(
        'nav',
        { className: 'sjt-nav', 'aria-label': '工作台 Workbench' },
        h('a', { href: paths.catalogue }, '资源目录 Catalogue'),
        // The yearly report reads the bureau's supervision data: other departments get theirs from it.
        ctx.caller && ctx.caller.department === 'big-data-bureau'
          ? h('a', { href: paths.report }, '年度报告 Yearly report')
          : null,
        h(
          'button',
          {
            type: 'button',
            className: 'sjt-link',
            onClick: function () {
              ctx.showPanel('applications');
            },
          },
          '本部门申请 Applications',
        ),
      ),
      h(
        'div',
        { className: 'sjt-exports', role: 'group', 'aria-label': '导出结果 Export the result' },
        h(
          'button',
          {
            type: 'button',
            className: 'sjt-button',
            disabled: ctx.exporting,
            onClick: function () {
              ctx.exportAs('csv');
            },
          },
          '导出 CSV',
        ),
        h(
          'button',
          {
            type: 'button',
            className: 'sjt-button',
            disabled: ctx.exporting,
            onClick: function () {
              ctx.exportAs('xlsx');
            },
          },
          '导出 Excel',
        ),
      ),
      h(
        'button',
        { type: 'button', className: 'sjt-button sjt-signout', onClick: ctx.signOut },
        '退出 Sign out',
      ),
    );
  };

  Sjt.StatusStrip = function StatusStrip(props) {
    var ctx = props.ctx;
    var dry = ctx.dryRun;
    var withheld = dry ? dry.withheld.length : 0;
    var masked = dry ? dry.masked.length : 0;
    var refused = ctx.denials.length;
    var notice = ctx.notice;
    if (!withheld && !masked && !refused && !notice) return null;
    var rows = ctx.applicationRows();
    var canApply = rows.some(function (r) {
      return r.applicable;
    });
    return h(
      'div',
      { className: 'sjt-strip', role: 'status' },
      withheld || masked
        ? h(
            'span',
            { className: 'sjt-strip-findings' },
            withheld
              ? h('span', { className: 'sjt-tone-withheld' }, withheld + ' 个字段将被扣留 withheld')
              : null,
            withheld && masked ? ' · ' : null,
            masked
              ? h('span', { className: 'sjt-tone-masked' }, masked + ' 个字段将脱敏 masked')
              : null,
          )
        : null,
      refused
        ? h(
            'span',
            { className: 'sjt-tone-withheld' },
            '上次结果 ' + refused + ' 个字段被拒 refused in the last result',
          )
        : null,
      canApply
        ? h(
            'button',
            {
              type: 'button',
              className: 'sjt-button sjt-primary',
              onClick: function () {
                ctx.openApply(rows);
              },
            },
            '申请共享 Apply for access',
          )
        : null,
      withheld || masked || refused
        ? h(
            'button',
            {
              type: 'button',
              className: 'sjt-link',
              onClick: function () {
                ctx.showPanel('query');
              },
            },
            '详情 Details',
          )
        : null,
      notice
        ? h(
            'span',
            {
              className: 'sjt-notice sjt-notice-' + notice.tone,
              role: notice.tone === 'error' ? 'alert' : null,
            },
            notice.text,
          )
        : null,
    );
  };
})();
