/*
 * The GraphiQL plugin "数据共享 Sharing": for the field the documentation explorer shows, its
 * sharing class, owner, condition, mask and the analyst's access right now; for the query in
 * the editor, what the policy's dry-run and the last result withheld or masked, and why; the
 * sharing application form; and the department's applications. State lives in the workbench
 * (Sjt.WorkbenchContext), so it survives the panel being closed.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;

  Sjt.WorkbenchContext = React.createContext(null);

  var TABS = [
    ['field', '字段 Field'],
    ['query', '本查询 This query'],
    ['applications', '申请 Applications'],
  ];

  function Badge(props) {
    return h(
      'span',
      { className: 'sjt-badge sjt-tone-' + (Sjt.ACCESS_TONE[props.access] || 'ok') },
      Sjt.label(Sjt.ACCESS, props.access),
    );
  }

  function Row(props) {
    if (props.value == null || props.value === '') return null;
    return h(
      'div',
      { className: 'sjt-dl-row' },
      h('dt', null, props.label),
      h('dd', null, props.value),
    );
  }

  function FieldAccess(props) {
    var ctx = props.ctx;
    var coordinate = props.coordinate;
    if (!coordinate)
      return h(
        'p',
        { className: 'sjt-muted' },
        '在文档中打开一个字段，这里显示它的共享属性和你的权限。Open a field in the documentation explorer to see its sharing attributes and your access.',
      );
    var entry = ctx.accessFields && ctx.accessFields[coordinate];
    if (!entry)
      return h(
        'p',
        null,
        h('code', null, coordinate),
        ' — 无共享规则记录 No sharing rule on record.',
      );
    return h(
      'section',
      { className: 'sjt-field-access', 'data-coordinate': coordinate },
      h('h3', null, h('code', null, coordinate)),
      h(
        'dl',
        null,
        h(Row, { label: '共享类型 Class', value: Sjt.label(Sjt.LEVELS, entry.level) }),
        h(Row, {
          label: '属主部门 Owner',
          value: entry.owner ? (entry.ownerName || entry.owner) + ' (' + entry.owner + ')' : null,
        }),
        h(Row, { label: '共享条件 Condition', value: entry.condition }),
        h(Row, { label: '脱敏 Mask', value: entry.mask ? Sjt.label(Sjt.MASKS, entry.mask) : '—' }),
        h(Row, { label: '你的权限 Your access', value: h(Badge, { access: entry.access }) }),
        h(Row, { label: '声明用途 Purpose', value: ctx.purpose || '未声明 none' }),
        h(Row, {
          label: '授权用途 Granted for',
          value:
            entry.grantPurposes && entry.grantPurposes.length
              ? entry.grantPurposes.join(', ')
              : null,
        }),
        h(Row, {
          label: '原因 Reason',
          value: entry.reason ? Sjt.label(Sjt.REASONS, entry.reason) : null,
        }),
      ),
      entry.summary ? h('p', null, entry.summary) : null,
      entry.access === 'NEEDS_GRANT' || entry.access === 'MASKED'
        ? h(
            'button',
            {
              type: 'button',
              className: 'sjt-button',
              onClick: function () {
                ctx.openApply([
                  {
                    coordinate: coordinate,
                    reason: entry.reason,
                    message: '',
                    masked: entry.access === 'MASKED',
                    mask: entry.mask,
                    applicable: true,
                    checked: true,
                  },
                ]);
              },
            },
            '申请此字段 Apply for this field',
          )
        : null,
    );
  }

  function Finding(props) {
    var f = props.finding;
    return h(
      'li',
      { className: 'sjt-finding sjt-tone-' + props.tone, 'data-coordinate': f.coordinate },
      h('code', null, f.coordinate),
      ' ',
      props.tone === 'masked'
        ? '脱敏 Masked (' + Sjt.label(Sjt.MASKS, f.mask) + ')'
        : Sjt.label(Sjt.REASONS, f.reason),
      f.path
        ? h(
            'span',
            { className: 'sjt-muted' },
            ' @ ' + (Array.isArray(f.path) ? f.path.join('.') : f.path),
          )
        : null,
      props.tone === 'withheld'
        ? h('div', { className: 'sjt-muted' }, Sjt.remedyOf(f.reason))
        : null,
    );
  }

  function List(props) {
    if (!props.items || props.items.length === 0) return null;
    return h(
      'div',
      null,
      h('h4', null, props.title),
      h(
        'ul',
        { className: 'sjt-findings' },
        props.items.map(function (f, i) {
          return h(Finding, { key: f.coordinate + i, finding: f, tone: props.tone });
        }),
      ),
    );
  }

  function QueryFindings(props) {
    var ctx = props.ctx;
    var dry = ctx.dryRun;
    var rows = ctx.applicationRows();
    var applicable = rows.some(function (r) {
      return r.applicable && r.checked;
    });
    var nothing =
      dry &&
      !dry.invalid &&
      dry.withheld.length === 0 &&
      dry.masked.length === 0 &&
      ctx.denials.length === 0;
    return h(
      'section',
      { className: 'sjt-query-findings' },
      h('h3', null, '运行前检查 Before running'),
      !dry ? h('p', { className: 'sjt-muted' }, '检查中… Checking…') : null,
      dry && dry.invalid
        ? h(
            'p',
            { className: 'sjt-muted' },
            '查询未通过校验 The query does not validate: ' + dry.invalid,
          )
        : null,
      nothing
        ? h('p', null, '本查询的字段全部可读 Every field of this query is served to you.')
        : null,
      h(List, {
        title: '将被扣留 Would be withheld',
        items: dry && dry.withheld,
        tone: 'withheld',
      }),
      h(List, { title: '将脱敏 Would be masked', items: dry && dry.masked, tone: 'masked' }),
      h(List, {
        title: '上次结果中被扣留 Withheld in the last result',
        items: ctx.denials,
        tone: 'withheld',
      }),
      rows.length > 0
        ? h(
            'button',
            {
              type: 'button',
              className: 'sjt-button sjt-primary',
              onClick: function () {
                ctx.openApply(rows);
              },
              disabled: rows.every(function (r) {
                return !r.applicable;
              }),
            },
            applicable ? '申请共享 Apply for access' : '申请明文 Apply for clear values',
          )
        : null,
    );
  }

  function SharingPanel() {
    var ctx = React.useContext(Sjt.WorkbenchContext);
    var explorer = GraphiQL.React.useExplorerContext();
    var coordinate = Sjt.explorerCoordinate(explorer && explorer.explorerNavStack);
    var tab = ctx.applying ? 'apply' : ctx.panelTab;
    var body;
    if (tab === 'apply')
      body = h(Sjt.ApplyForm, {
        key: ctx.applying.key,
        ctx: ctx,
        rows: ctx.applying.rows,
        onCancel: ctx.closeApply,
      });
    else if (tab === 'query') body = h(QueryFindings, { ctx: ctx });
    else if (tab === 'applications')
      body = h(Sjt.ApplicationsList, {
        state: ctx.applications,
        onRefresh: ctx.refreshApplications,
      });
    else body = h(FieldAccess, { ctx: ctx, coordinate: coordinate });
    return h(
      'div',
      { className: 'sjt-panel' },
      h('div', { className: 'graphiql-doc-explorer-title' }, '数据共享 Sharing'),
      h(
        'div',
        { className: 'sjt-tabs', role: 'tablist' },
        TABS.map(function (t) {
          return h(
            'button',
            {
              key: t[0],
              type: 'button',
              role: 'tab',
              'aria-selected': tab === t[0],
              className: 'sjt-tab' + (tab === t[0] ? ' sjt-tab-active' : ''),
              onClick: function () {
                ctx.closeApply();
                ctx.setPanelTab(t[0]);
              },
            },
            t[1],
          );
        }),
      ),
      h('div', { role: 'tabpanel' }, body),
    );
  }

  function Icon() {
    return h(
      'svg',
      {
        viewBox: '0 0 24 24',
        width: '1em',
        height: '1em',
        fill: 'none',
        stroke: 'currentColor',
        'aria-hidden': true,
      },
      h('path', {
        d: 'M12 3l7 3v5c0 4.5-3 8.3-7 9.5C8 19.3 5 15.5 5 11V6l7-3z',
        strokeWidth: 1.5,
        strokeLinejoin: 'round',
      }),
      h('path', {
        d: 'M9 12l2 2 4-4',
        strokeWidth: 1.5,
        strokeLinecap: 'round',
        strokeLinejoin: 'round',
      }),
    );
  }

  Sjt.SHARING_PLUGIN_TITLE = '数据共享 Sharing';
  Sjt.sharingPlugin = { title: Sjt.SHARING_PLUGIN_TITLE, icon: Icon, content: SharingPanel };
})();
