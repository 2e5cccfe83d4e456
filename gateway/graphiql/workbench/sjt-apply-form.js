/*
 * The sharing application form (共享申请), opened from a query whose fields were withheld: the
 * items pre-filled from the result's denials and the dry-run, the purpose chosen in the top
 * bar; the analyst adds the justification (申请理由) and the end of use, and submits through
 * GraphQL applyForSharing as any department's program would.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;
  var h = Sjt.h;

  Sjt.APPLY_MUTATION =
    'mutation SjtApplyForSharing($input: SharingApplicationInput!) {\n' +
    '  applyForSharing(input: $input) {\n' +
    '    id status submittedOn dueOn\n' +
    '    requests { id owner { code name } items status dueOn }\n' +
    '  }\n' +
    '}';

  var PURPOSES_QUERY = 'query SjtUsePurposes { usePurposes { code name nameEn } }';

  /** The mutation's input from the form's values; pure, for the tests. */
  Sjt.applicationInput = function (values) {
    var input = {
      items: values.items,
      purposes: [values.purpose],
      justification: values.justification.trim(),
      clear: !!values.clear,
    };
    if (values.application) input.application = values.application;
    if (values.validUntil) input.validUntil = values.validUntil;
    return input;
  };

  function Field(props) {
    return h('label', { className: 'sjt-field' }, h('span', null, props.label), props.children);
  }

  Sjt.ApplyForm = function ApplyForm(props) {
    var ctx = props.ctx;
    var rows = props.rows;
    var caller = ctx.caller || {};
    var useState = React.useState;
    var checkedState = useState(function () {
      var m = {};
      rows.forEach(function (r) {
        m[r.coordinate] = r.checked;
      });
      return m;
    });
    var checked = checkedState[0];
    var setChecked = checkedState[1];
    var purposeState = useState(ctx.purpose || '');
    var allPurposesState = useState(null);
    var justificationState = useState('');
    var validUntilState = useState('');
    var anyMasked = rows.some(function (r) {
      var entry = ctx.accessFields && ctx.accessFields[r.coordinate];
      return r.masked || (entry && entry.mask);
    });
    var clearState = useState(anyMasked);
    var ownAppState = useState(!!caller.application);
    var sending = useState(false);
    var problem = useState(null);

    React.useEffect(function () {
      ctx.graphql(PURPOSES_QUERY).then(
        function (result) {
          allPurposesState[1]((result.data && result.data.usePurposes) || []);
        },
        function () {
          allPurposesState[1]([]);
        },
      );
    }, []);

    var items = rows
      .filter(function (r) {
        return r.applicable && checked[r.coordinate];
      })
      .map(function (r) {
        return r.coordinate;
      });

    function submit(event) {
      event.preventDefault();
      if (items.length === 0) return problem[1]('请至少选择一个数据项 Choose at least one item');
      if (!purposeState[0]) return problem[1]('请选择用途 Choose a purpose');
      if (!justificationState[0].trim()) return problem[1]('请填写申请理由 Give the justification');
      problem[1](null);
      sending[1](true);
      ctx
        .submitApplication(
          Sjt.applicationInput({
            items: items,
            purpose: purposeState[0],
            justification: justificationState[0],
            validUntil: validUntilState[0],
            clear: clearState[0],
            application: ownAppState[0] ? caller.application : null,
          }),
        )
        .catch(function (err) {
          sending[1](false);
          problem[1](String((err && err.message) || err));
        });
    }

    var purposes = allPurposesState[0];
    var tomorrow = Sjt.chinaToday(Date.now() + 86400000);
    return h(
      'form',
      { className: 'sjt-apply', onSubmit: submit, 'aria-label': '共享申请 Sharing application' },
      h('h3', null, '申请共享 Apply for access'),
      h(
        'fieldset',
        null,
        h('legend', null, '数据项 Items'),
        rows.map(function (r) {
          return h(
            'label',
            { key: r.coordinate, className: 'sjt-item' + (r.applicable ? '' : ' sjt-disabled') },
            h('input', {
              type: 'checkbox',
              name: 'item',
              value: r.coordinate,
              disabled: !r.applicable,
              checked: !!checked[r.coordinate] && r.applicable,
              onChange: function (e) {
                var next = Object.assign({}, checked);
                next[r.coordinate] = e.target.checked;
                setChecked(next);
              },
            }),
            h('code', null, r.coordinate),
            h(
              'span',
              { className: 'sjt-item-why' },
              r.masked
                ? '脱敏 Masked (' + Sjt.label(Sjt.MASKS, r.mask) + ')'
                : Sjt.label(Sjt.REASONS, r.reason) +
                    (r.applicable ? '' : ' — ' + Sjt.remedyOf(r.reason)),
            ),
          );
        }),
      ),
      h(
        Field,
        { label: '用途 Purpose' },
        h(
          'select',
          {
            name: 'purpose',
            required: true,
            value: purposeState[0],
            onChange: function (e) {
              purposeState[1](e.target.value);
            },
          },
          h('option', { value: '' }, purposes ? '— 选择用途 Choose —' : '加载中 Loading…'),
          (purposes || []).map(function (p) {
            return h(
              'option',
              { key: p.code, value: p.code },
              p.name + ' ' + p.nameEn + ' (' + p.code + ')',
            );
          }),
        ),
      ),
      h(
        Field,
        { label: '申请理由 Justification (why, and on what legal basis)' },
        h('textarea', {
          name: 'justification',
          required: true,
          rows: 4,
          maxLength: 2000,
          value: justificationState[0],
          onChange: function (e) {
            justificationState[1](e.target.value);
          },
        }),
      ),
      h(
        Field,
        { label: '使用期限至 Valid until (empty: until revoked)' },
        h('input', {
          type: 'date',
          name: 'validUntil',
          min: tomorrow,
          value: validUntilState[0],
          onChange: function (e) {
            validUntilState[1](e.target.value);
          },
        }),
      ),
      h(
        'label',
        { className: 'sjt-check' },
        h('input', {
          type: 'checkbox',
          name: 'clear',
          checked: clearState[0],
          onChange: function (e) {
            clearState[1](e.target.checked);
          },
        }),
        '申请明文（不脱敏）Ask for clear values (not masked)',
      ),
      caller.application
        ? h(
            'label',
            { className: 'sjt-check' },
            h('input', {
              type: 'checkbox',
              name: 'ownApplication',
              checked: ownAppState[0],
              onChange: function (e) {
                ownAppState[1](e.target.checked);
              },
            }),
            '仅限本应用系统 Only for application ' + caller.application,
          )
        : null,
      problem[0] ? h('p', { className: 'sjt-error', role: 'alert' }, problem[0]) : null,
      h(
        'div',
        { className: 'sjt-actions' },
        h(
          'button',
          { type: 'submit', className: 'sjt-button sjt-primary', disabled: sending[0] },
          sending[0] ? '提交中… Submitting…' : '提交申请 Submit application',
        ),
        h(
          'button',
          { type: 'button', className: 'sjt-button', onClick: props.onCancel },
          '取消 Cancel',
        ),
      ),
    );
  };
})();
