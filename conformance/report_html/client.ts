/**
 * The page's script, inlined into the page as text: it reads the data from the
 * page's own <script type="application/json">, draws the family matrix (ops ×
 * ports, coloured by the share of passing cases), the cases' matrix and the filters, and opens a case's detail on a click. Plain ES2015
 * with no template literals and no imports, so it can live in a string here and
 * run in any current browser with no network.
 */

/** The script's source. */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var ports = data.ports;
  var rows = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'className') node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function count(c) { return c.passed + '/' + c.total; }

  function verdict(yes) { return yes === null ? 'no spec case' : yes ? 'yes' : 'no'; }

  // The share of an op's cases a port passes, as a colour: hue 0 (red, none) to 120 (green, all), so the
  // matrix reads at a glance; the verdict and the counts are written in the cell.
  function shareColour(share) { return 'hsl(' + Math.round(120 * share) + ', 62%, ' + (share === 1 ? 78 : 84) + '%)'; }

  // The family matrix: one row per op, one column per port, the counts as the run report states them.
  function drawHeader() {
    var head = el('tr', {}, [el('th', { text: 'op' })].concat(ports.map(function (port) {
      return el('th', { scope: 'col', className: 'port' }, [el('div', { text: port.name }), port.command ? el('div', { className: 'command', text: port.command }) : null, port.machine ? el('div', { className: 'machine', text: 'expectations of ' + port.machine }) : null, port.aborted ? el('div', { className: 'aborted', text: 'stopped: ' + port.aborted }) : null]);
    })));
    var body = data.ops.map(function (op) {
      var cells = ports.map(function (port, p) {
        var o = port.ops[op];
        if (!o) return el('td', { className: 'absent', 'data-port': String(p), 'data-op': op, text: 'not selected' });
        var share = o.paddle.total === 0 ? 1 : o.paddle.passed / o.paddle.total;
        // The class keeps the verdict (a red frame: not spec-conformant); the fill is the share.
        var all = o.specConformant !== false && o.paddle.passed === o.paddle.total;
        var td = el('td', { className: all ? 'good' : o.specConformant === false ? 'bad' : 'spec-only', 'data-port': String(p), 'data-op': op, 'data-spec': count(o.spec), 'data-paddle': count(o.paddle), 'data-share': String(share) }, [
          el('div', { className: 'share', text: Math.floor(100 * share) + '%' }),
          el('div', { className: 'spec', text: 'spec-conformant: ' + verdict(o.specConformant) + ' (' + count(o.spec) + ')' }),
          el('div', { className: 'paddle', text: 'Paddle-compatible: ' + count(o.paddle) }),
        ]);
        td.style.backgroundColor = shareColour(share);
        td.title = op + ' in ' + port.name + ': ' + count(o.paddle) + ' cases pass';
        return td;
      });
      return el('tr', {}, [el('th', { scope: 'row', text: op })].concat(cells));
    });
    var legend = el('p', { className: 'legend' }, ['share of an op\'s cases passing: ', el('span', { className: 'ramp' }), ' 0% to 100%; a red frame: some spec case fails']);
    var section = document.getElementById('ports');
    section.appendChild(el('h2', { text: 'The family at a glance: ops \u00d7 ports' }));
    section.appendChild(legend);
    section.appendChild(el('table', { className: 'summary' }, [el('thead', {}, [head]), el('tbody', {}, body)]));
  }

  function statusesOf(row) { return row.cells.map(function (c) { return c ? c.status : 'not-selected'; }); }

  function drawMatrix() {
    var head = el('tr', {}, [el('th', { text: 'op' }), el('th', { text: 'group' }), el('th', { text: 'case' }), el('th', { text: 'level' })]
      .concat(ports.map(function (port) { return el('th', { className: 'port', text: port.name }); })));
    var body = el('tbody');
    data.cases.forEach(function (c, i) {
      var name = c.id.split('/').slice(2).join('/');
      var tr = el('tr', { 'data-case': c.id, tabindex: '0' }, [el('td', { text: c.api }), el('td', { text: c.group }), el('td', { className: 'id', text: name }), el('td', { text: c.level })]
        .concat(statusesOf(c).map(function (s) { return el('td', { className: 'status s-' + s, text: s }); })));
      tr.addEventListener('click', function () { openDetail(i); });
      tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') openDetail(i); });
      body.appendChild(tr);
      rows.push({ node: tr, data: c, statuses: statusesOf(c) });
    });
    document.getElementById('matrix').appendChild(el('table', {}, [el('thead', {}, [head]), body]));
  }

  function option(value, label) { return el('option', { value: value, text: label }); }

  function fillSelect(id, values, anyLabel) {
    var select = document.getElementById(id);
    var keep = select.value;
    select.textContent = '';
    select.appendChild(option('', anyLabel));
    values.forEach(function (v) { select.appendChild(typeof v === 'string' ? option(v, v) : option(v[0], v[1])); });
    select.value = values.some(function (v) { return (typeof v === 'string' ? v : v[0]) === keep; }) ? keep : '';
  }

  function unique(list) { return list.filter(function (v, i) { return list.indexOf(v) === i; }); }

  function fillFilters() {
    fillSelect('f-op', data.ops, 'every op');
    fillGroups();
    fillSelect('f-level', ['spec', 'paddle'], 'both levels');
    var statuses = unique([].concat.apply([], rows.map(function (r) { return r.statuses; }))).sort();
    fillSelect('f-status', statuses, 'any status');
    fillSelect('f-port', ports.map(function (p, i) { return [String(i), p.name]; }), 'in any port');
  }

  function fillGroups() {
    var op = document.getElementById('f-op').value;
    fillSelect('f-group', unique(data.cases.filter(function (c) { return !op || c.api === op; }).map(function (c) { return c.group; })), 'every group');
  }

  function applyFilters() {
    var op = document.getElementById('f-op').value;
    var group = document.getElementById('f-group').value;
    var level = document.getElementById('f-level').value;
    var status = document.getElementById('f-status').value;
    var port = document.getElementById('f-port').value;
    var text = document.getElementById('f-text').value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var c = r.data;
      var statuses = port === '' ? r.statuses : [r.statuses[Number(port)]];
      var visible = (!op || c.api === op) && (!group || c.group === group) && (!level || c.level === level) &&
        (!status || statuses.indexOf(status) >= 0) && (!text || c.id.toLowerCase().indexOf(text) >= 0);
      r.node.hidden = !visible;
      if (visible) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' cases shown';
  }

  function pre(lines) { return el('pre', { text: lines.join('\n') }); }

  function section(title, children) { return el('section', {}, [el('h3', { text: title })].concat(children)); }

  function rerunOf(port, cell, id) {
    if (cell.rerun) return cell.rerun;
    return port.rerun ? port.rerun.split('{id}').join("'" + id.split("'").join("'\\''") + "'") : '';
  }

  function portDetail(c, port, p) {
    var cell = c.cells[p];
    var parts = [el('h4', {}, [port.name + ' ', el('span', { className: 'status s-' + (cell ? cell.status : 'not-selected'), text: cell ? cell.status : 'not-selected' })])];
    if (!cell) return el('div', { className: 'port-detail', 'data-port': String(p) }, parts.concat([el('p', { text: 'This run did not select the case.' })]));
    if (cell.failure) parts.push(el('div', { className: 'label', text: 'Failure' }), pre(cell.failure));
    if (cell.actual) parts.push(el('div', { className: 'label', text: 'Actual (the port\u2019s response)' }), el('pre', { className: 'actual', text: cell.actual.join('\n') }));
    else if (cell.status === 'pass' || cell.status === 'unexpected-pass') parts.push(el('p', { className: 'actual', text: 'Actual: matches the expected result (within the bound).' }));
    if (cell.notes) parts.push(pre(cell.notes));
    var rerun = rerunOf(port, cell, c.id);
    if (rerun) parts.push(el('div', { className: 'label', text: 'Re-run' }), el('code', { className: 'rerun', text: rerun }));
    return el('div', { className: 'port-detail', 'data-port': String(p) }, parts);
  }

  function openDetail(i) {
    var c = data.cases[i];
    var panel = document.getElementById('detail');
    panel.textContent = '';
    var close = el('button', { type: 'button', className: 'close', text: 'close' });
    close.addEventListener('click', closeDetail);
    var rules = c.rules.map(function (r) { return el('li', {}, [el('code', { text: r }), ': ' + (data.rules[r] || '(no summary)')]); });
    panel.appendChild(el('div', {}, [
      close,
      el('h2', { text: c.id }),
      el('p', { text: c.level + ' level; group ' + c.group + (c.description ? '. ' + c.description : '') }),
      section('Rules', rules.length ? [el('ul', {}, rules)] : [el('p', { text: 'none named' })]),
      section('Request', [el('pre', { className: 'request', text: c.request.join('\n') || '(not in these reports)' })]),
      section('Expected (what Paddle did)', [el('pre', { className: 'expected', text: c.expected.join('\n') || '(not in these reports)' })]),
      section('Per port', ports.map(function (port, p) { return portDetail(c, port, p); })),
    ]));
    panel.hidden = false;
    // The panel sits beside the matrix, not over it, so every row stays clickable.
    document.body.classList.add('detail-open');
    rows.forEach(function (r, j) { r.node.classList.toggle('selected', j === i); });
  }

  function closeDetail() {
    document.getElementById('detail').hidden = true;
    document.body.classList.remove('detail-open');
    rows.forEach(function (r) { r.node.classList.remove('selected'); });
  }

  drawHeader();
  drawMatrix();
  fillFilters();
  document.getElementById('f-op').addEventListener('change', fillGroups);
  ['f-op', 'f-group', 'f-level', 'f-status', 'f-port'].forEach(function (id) { document.getElementById(id).addEventListener('change', applyFilters); });
  document.getElementById('f-text').addEventListener('input', applyFilters);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') closeDetail(); });
  applyFilters();
})();
`;
