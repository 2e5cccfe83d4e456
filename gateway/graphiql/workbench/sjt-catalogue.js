/*
 * The catalogue page (政务信息资源目录): search and filters (owner, sharing class, resource, open
 * or not) from GET /workbench/api/catalogue and its facets, the entries with the catalogue
 * guide's fields, and the exports (Excel laid out as the guide's table, CSV, JSON) of the whole
 * catalogue or one owner's. The filters live in the page's URL, so a filtered view can be
 * bookmarked or sent to a colleague.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;
  function Select(props) {
    return h(
      'label',
      null,
      props.label,
      h(
        'select',
        { name: props.name, value: props.value, onChange: props.onChange },
        h('option', { value: '' }, '全部 All'),
        (props.options || []).map(Sjt.facetOption).map(function (o) {
          return h('option', { key: o.code, value: o.code }, o.label);
        }),
      ),
    );
  }

  function Catalogue(props) {
    var paths = props.paths;
    var filtersState = React.useState(function () {
      return Sjt.catalogueFilters(window.location.search);
    });
    var filters = filtersState[0];
    var resultState = React.useState({ items: null, facets: null, error: null, loading: true });
    var result = resultState[0];
    var searchText = React.useState(filters.search);

    function set(key, value) {
      var next = Object.assign({}, filters);
      next[key] = value;
      filtersState[1](next);
    }
    var setSearch = React.useMemo(function () {
      return Sjt.debounce(function (value) {
        filtersState[1](function (f) {
          return Object.assign({}, f, { search: value });
        });
      }, 300);
    }, []);

    React.useEffect(
      function () {
        var live = true;
        var query = Sjt.catalogueQuery(filters);
        window.history.replaceState(null, '', window.location.pathname + query);
        resultState[1](function (r) {
          return Object.assign({}, r, { loading: true, error: null });
        });
        props.session.json(paths.catalogueApi + query).then(
          function (body) {
            if (live)
              resultState[1]({
                items: body.items,
                facets: body.facets,
                error: null,
                loading: false,
              });
          },
          function (err) {
            if (live)
              resultState[1](function (r) {
                return Object.assign({}, r, { error: err.message, loading: false });
              });
          },
        );
        return function () {
          live = false;
        };
      },
      [filters],
    );

    var facets = result.facets || {};
    var caller = (props.session.current() || {}).caller || {};
    return h(
      'div',
      { className: 'sjt-app sjt-catalogue-page' },
      h(
        'header',
        { className: 'sjt-topbar' },
        h(
          'div',
          { className: 'sjt-brand' },
          '数据通 ',
          h('span', null, 'Shujutong · 资源目录 Catalogue'),
        ),
        h(
          'div',
          { className: 'sjt-analyst' },
          h('strong', null, caller.departmentName || caller.department),
          caller.operator ? ' · ' + caller.operator : '',
        ),
        h(
          'nav',
          { className: 'sjt-nav' },
          h('a', { href: paths.workbench }, '分析工作台 Workbench'),
        ),
        h(
          'button',
          { type: 'button', className: 'sjt-button sjt-signout', onClick: props.session.signOut },
          '退出 Sign out',
        ),
      ),
      h(
        'main',
        { className: 'sjt-catalogue' },
        h('h1', null, '政务信息资源目录 Government information resource catalogue'),
        h(
          'form',
          {
            className: 'sjt-filters',
            role: 'search',
            onSubmit: function (e) {
              e.preventDefault();
            },
          },
          h(
            'label',
            null,
            '搜索 Search',
            h('input', {
              type: 'search',
              name: 'search',
              maxLength: 100,
              value: searchText[0],
              placeholder: '名称、代码、字段、条件 Name, code, field, condition',
              onChange: function (e) {
                searchText[1](e.target.value);
                setSearch(e.target.value);
              },
            }),
          ),
          h(Select, {
            label: '提供方 Owner',
            name: 'owner',
            value: filters.owner,
            options: facets.owners,
            onChange: function (e) {
              set('owner', e.target.value);
            },
          }),
          h(Select, {
            label: '共享类型 Sharing class',
            name: 'level',
            value: filters.level,
            options: facets.levels,
            onChange: function (e) {
              set('level', e.target.value);
            },
          }),
          h(Select, {
            label: '信息资源 Resource',
            name: 'resource',
            value: filters.resource,
            options: facets.resources,
            onChange: function (e) {
              set('resource', e.target.value);
            },
          }),
          h(Select, {
            label: '开放属性 Open to the public',
            name: 'open',
            value: filters.open,
            options: facets.openAttributes,
            onChange: function (e) {
              set('open', e.target.value);
            },
          }),
        ),
        h(
          'div',
          { className: 'sjt-downloads' },
          h(
            'span',
            { role: 'status', className: 'sjt-count' },
            result.items
              ? '共 ' + result.items.length + ' 项 ' + result.items.length + ' items'
              : '加载中… Loading…',
          ),
          h(
            'span',
            null,
            filters.owner
              ? '导出本提供方 Export this owner:'
              : '导出全部目录 Export the whole catalogue:',
          ),
          ['xlsx', 'csv', 'json'].map(function (format) {
            return h(
              'a',
              {
                key: format,
                className: 'sjt-button',
                download: '',
                href: Sjt.catalogueExportHref(paths.catalogueExport, format, filters.owner),
              },
              { xlsx: 'Excel', csv: 'CSV', json: 'JSON' }[format],
            );
          }),
        ),
        result.error ? h('p', { className: 'sjt-error', role: 'alert' }, result.error) : null,
        h(Sjt.CatalogueTable, {
          items: result.items,
          loading: result.loading,
          vocabulary: props.vocabulary,
        }),
      ),
    );
  }

  function start() {
    var config = Sjt.config();
    var rootElement = document.getElementById('catalogue');
    var session = Sjt.createSession(config.paths);
    session.load().then(
      function () {
        ReactDOM.createRoot(rootElement).render(
          h(Catalogue, { session: session, paths: config.paths, vocabulary: config.vocabulary }),
        );
      },
      function (err) {
        rootElement.textContent = '资源目录无法加载 The catalogue could not load: ' + err.message;
      },
    );
  }

  if (typeof document !== 'undefined' && document.getElementById('catalogue')) start();
})();
