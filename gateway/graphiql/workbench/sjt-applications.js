/*
 * The analyst's department's sharing applications (本部门共享申请), newest first, with each
 * owner's answer, the reply date (答复期限) and whether it is overdue (逾期), read through
 * GraphQL sharingApplications as the sharing subgraph lets the department see them.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;

  Sjt.APPLICATIONS_QUERY =
    'query SjtApplications($after: String) {\n' +
    '  sharingApplications(first: 100, after: $after) {\n' +
    '    pageInfo { hasNextPage endCursor }\n' +
    '    nodes {\n' +
    '      id purposes justification clear validUntil submittedOn dueOn overdue status\n' +
    '      application { id name }\n' +
    '      requests { id owner { code name } items status dueOn overdue decisionReason }\n' +
    '    }\n' +
    '  }\n' +
    '}';

  /** At most this many pages of 100: a department's whole history, bounded. */
  var MAX_PAGES = 10;

  /** Every application of the caller's department, newest first. */
  Sjt.loadApplications = function (graphql) {
    var all = [];
    function page(after, n) {
      return graphql(Sjt.APPLICATIONS_QUERY, { after: after }).then(function (result) {
        if (result.errors && !result.data) throw new Error(Sjt.errorMessage(result));
        var conn = result.data.sharingApplications;
        all = all.concat(conn.nodes);
        if (conn.pageInfo.hasNextPage && n < MAX_PAGES) return page(conn.pageInfo.endCursor, n + 1);
        return all.reverse();
      });
    }
    return page(null, 1);
  };

  /** Applications whose status changed between two loads (an owner answered). */
  Sjt.answeredSince = function (before, after) {
    var prior = {};
    (before || []).forEach(function (a) {
      prior[a.id] = a.status;
    });
    return (after || []).filter(function (a) {
      return prior[a.id] === 'PENDING' && a.status !== 'PENDING';
    });
  };

  function Status(props) {
    return h(
      'span',
      { className: 'sjt-status sjt-status-' + String(props.status).toLowerCase() },
      Sjt.label(Sjt.APPLICATION_STATUS, props.status),
    );
  }

  function Due(props) {
    return h(
      'span',
      { className: props.overdue ? 'sjt-overdue' : null },
      props.dueOn,
      props.overdue ? ' 逾期 Overdue' : null,
    );
  }

  function Application(props) {
    var a = props.application;
    return h(
      'li',
      {
        className: 'sjt-application' + (props.fresh ? ' sjt-fresh' : ''),
        'data-application': a.id,
        'data-status': a.status,
      },
      h(
        'div',
        { className: 'sjt-application-head' },
        h(Status, { status: a.status }),
        h('span', null, '提交 Submitted ' + a.submittedOn),
        h('span', null, '答复期限 Due ', h(Due, { dueOn: a.dueOn, overdue: a.overdue })),
      ),
      h(
        'div',
        { className: 'sjt-muted' },
        '用途 Purposes: ' + a.purposes.join(', ') + (a.clear ? ' · 明文 clear' : ' · 脱敏 masked'),
        a.validUntil ? ' · 至 until ' + a.validUntil : '',
        a.application ? ' · ' + a.application.name : '',
      ),
      h('p', { className: 'sjt-justification' }, a.justification),
      h(
        'ul',
        { className: 'sjt-requests' },
        a.requests.map(function (r) {
          return h(
            'li',
            { key: r.id },
            h('strong', null, r.owner.name),
            ' ',
            h(Status, { status: r.status }),
            ' ',
            h('code', null, r.items.join(', ')),
            r.decisionReason
              ? h('div', { className: 'sjt-muted' }, '答复 Answer: ' + r.decisionReason)
              : null,
          );
        }),
      ),
    );
  }

  Sjt.ApplicationsList = function ApplicationsList(props) {
    var state = props.state;
    return h(
      'section',
      { className: 'sjt-applications', 'aria-label': '本部门共享申请 Our applications' },
      h(
        'div',
        { className: 'sjt-row' },
        h('h3', null, '本部门共享申请 Our applications'),
        h(
          'button',
          {
            type: 'button',
            className: 'sjt-button',
            onClick: props.onRefresh,
            disabled: state.loading,
          },
          state.loading ? '刷新中… Refreshing…' : '刷新 Refresh',
        ),
      ),
      state.error ? h('p', { className: 'sjt-error', role: 'alert' }, state.error) : null,
      state.list && state.list.length === 0
        ? h('p', { className: 'sjt-muted' }, '还没有申请 No applications yet.')
        : null,
      h(
        'ol',
        { className: 'sjt-application-list' },
        (state.list || []).map(function (a) {
          return h(Application, { key: a.id, application: a, fresh: a.id === state.fresh });
        }),
      ),
    );
  };
})();
