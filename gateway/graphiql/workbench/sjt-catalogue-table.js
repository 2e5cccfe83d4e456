/*
 * The catalogue page's parts that are not the page itself: its filters as a URL query, the
 * export links, and the table of entries with the catalogue guide's fields (classification,
 * resource name and code, provider and provider code, item, format, sharing type and condition,
 * sharing method, open attribute, mask, update cycle, publication date, related resources).
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;
  var FILTERS = ['search', 'owner', 'level', 'resource', 'open'];

  /** A facet value as the API gives it: a code, or { code, name }. */
  Sjt.facetOption = function (v) {
    if (v && typeof v === 'object') {
      var code = v.code !== undefined ? v.code : v.value;
      var label = v.name ? v.name + ' (' + code + ')' : String(code);
      return {
        code: String(code),
        label: typeof v.count === 'number' ? label + ' · ' + v.count : label,
      };
    }
    return { code: String(v), label: String(v) };
  };

  /** The filters of a URL query string; unknown parameters are ignored. */
  Sjt.catalogueFilters = function (search) {
    var params = new URLSearchParams(search);
    var out = {};
    FILTERS.forEach(function (k) {
      out[k] = params.get(k) || '';
    });
    return out;
  };

  /** The query string for filters, without empty ones. */
  Sjt.catalogueQuery = function (filters) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (k) {
      if (filters[k]) params.set(k, filters[k]);
    });
    var text = params.toString();
    return text ? '?' + text : '';
  };

  /** The export link for a format, of one owner's entries when the owner filter is set. */
  Sjt.catalogueExportHref = function (path, format, owner) {
    return (
      path +
      '?format=' +
      encodeURIComponent(format) +
      (owner ? '&owner=' + encodeURIComponent(owner) : '')
    );
  };

  function name(vocabulary, table, code) {
    var names = vocabulary && vocabulary[table];
    return code == null ? '' : (names && names[code]) || String(code);
  }

  function lines() {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) {
      var part = arguments[i];
      if (part) parts.push(part, h('br', { key: i }));
    }
    parts.pop();
    return parts;
  }

  function EntryRow(props) {
    var e = props.entry;
    var v = props.vocabulary;
    var c = e.classification || {};
    var klass = function (l) {
      return l ? l.code + ' ' + l.name : '';
    };
    return h(
      'tr',
      { 'data-coordinate': e.coordinate },
      h(
        'td',
        null,
        lines(klass(c.class), klass(c.section), klass(c.division), klass(c.subdivision)),
      ),
      h(
        'td',
        { title: e.resourceSummary || null },
        lines(h('strong', { key: 'n' }, e.resourceName), h('code', { key: 'c' }, e.resourceCode)),
      ),
      h(
        'td',
        null,
        lines(
          (e.ownerDepartment && e.ownerDepartment.name) || e.owner,
          h('code', { key: 'p' }, e.providerCode),
        ),
      ),
      h(
        'td',
        null,
        lines(
          h('code', { key: 'i' }, e.coordinate),
          e.description,
          h('span', { key: 't', className: 'sjt-muted' }, e.dataType),
        ),
      ),
      h(
        'td',
        null,
        e.resourceFormat
          ? name(v, 'formats', e.resourceFormat.category) + ' · ' + e.resourceFormat.type
          : '',
      ),
      h(
        'td',
        { className: 'sjt-level-' + String(e.sharingLevel).toLowerCase() },
        lines(
          name(v, 'levels', e.sharingLevel),
          e.condition ? h('span', { key: 'c', className: 'sjt-muted' }, e.condition) : null,
        ),
      ),
      h('td', null, name(v, 'sharingMethods', e.sharingMethod)),
      h('td', null, lines(name(v, 'openAttributes', e.openAttribute), e.openCondition)),
      h('td', null, e.mask ? name(v, 'masks', e.mask) : '—'),
      h('td', null, name(v, 'updateCycles', e.updateCycle)),
      h('td', null, e.publishedOn),
      h(
        'td',
        null,
        lines.apply(
          null,
          (e.relatedResourceCodes || []).map(function (code) {
            return h('code', { key: code }, code);
          }),
        ),
      ),
    );
  }

  Sjt.CATALOGUE_HEADERS = [
    '信息资源分类 Classification',
    '信息资源名称 / 代码 Resource',
    '提供方 / 代码 Provider',
    '信息项 Item',
    '格式 Format',
    '共享类型 Sharing',
    '共享方式 Method',
    '开放属性 Open',
    '脱敏 Mask',
    '更新周期 Update',
    '发布日期 Published',
    '关联资源 Related',
  ];

  Sjt.CatalogueTable = function CatalogueTable(props) {
    return h(
      'div',
      { className: 'sjt-table-wrap' },
      h(
        'table',
        { className: 'sjt-table', 'aria-busy': props.loading },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            Sjt.CATALOGUE_HEADERS.map(function (t) {
              return h('th', { key: t, scope: 'col' }, t);
            }),
          ),
        ),
        h(
          'tbody',
          null,
          (props.items || []).map(function (e) {
            return h(EntryRow, { key: e.coordinate, entry: e, vocabulary: props.vocabulary });
          }),
        ),
      ),
    );
  };
})();
