// Starts YASGUI on the SPARQL pages (/sparql, /queries/{name}) with the project's prefixes
// preloaded, and makes it usable by keyboard and screen reader, in Dutch:
//  - the editor does not take focus on load; Tab and Shift+Tab leave it (indenting is
//    Ctrl+] / Ctrl+[), Escape leaves it too; Ctrl+Enter runs the query; the keys are
//    listed beside the editor (#sparql-toetsen) and the editor refers to that text;
//  - the editor and the other unnamed controls get Dutch names, the tab list holds only tabs;
//  - starting a query and its outcome are announced in a live region (#sparql-status);
//  - YASGUI's own English texts are translated as they appear;
//  - links in the results to this service's IRIs lead to this host, whatever the
//    configured base (the page's config names the bases).
(function () {
  var el = document.getElementById('yasgui');
  var configEl = document.getElementById('sparql-config');
  if (!el || !configEl || typeof Yasgui === 'undefined') return;
  var config = JSON.parse(configEl.textContent);
  var status = document.getElementById('sparql-status');

  var NL = {
    Query: 'Query',
    'Close tab': 'Tabblad sluiten',
    'Add tab': 'Tabblad toevoegen',
    'Add a new tab': 'Nieuw tabblad toevoegen',
    'Open settings': 'Instellingen openen',
    Settings: 'Instellingen',
    'Request method': 'Verzoekmethode',
    'Accept Headers': 'Accept-headers',
    'Ask / Select': 'Ask / Select',
    'Construct / Describe': 'Construct / Describe',
    Arguments: 'Argumenten',
    'Header Arguments': 'Header-argumenten',
    'Default Graphs': 'Standaardgrafen',
    'Named Graphs': 'Benoemde grafen',
    'Clear endpoint': 'Endpoint wissen',
    'Share query': 'Query delen',
    'Run query': 'Query uitvoeren (Ctrl+Enter)',
    'Query is invalid': 'Query is ongeldig',
    Table: 'Tabel',
    Response: 'Antwoord',
    'Shows Table view': 'Toon als tabel',
    'Shows Response view': 'Toon het ruwe antwoord',
    'Filter query results': 'Resultaten filteren',
    'Download result': 'Resultaat downloaden',
    'Download Results': 'Resultaat downloaden',
    'View documentation of Table': 'Documentatie van de tabelweergave',
    'View documentation of Response': 'Documentatie van de antwoordweergave',
    'Simple view': 'Eenvoudige weergave',
    Ellipse: 'Inkorten',
    'Page size:': 'Rijen per pagina:',
    All: 'Alle',
    pagination: 'Paginering',
    First: 'Eerste',
    Previous: 'Vorige',
    Next: 'Volgende',
    Last: 'Laatste',
    'Show all': 'Alles tonen',
    'Show less': 'Minder tonen',
    'No data available in table': 'Geen gegevens in de tabel',
    'No matching records found': 'Geen overeenkomende rijen',
    'Copy to clipboard': 'Naar klembord kopiëren',
    'Shorten': 'Verkorten',
    'Fullscreen': 'Volledig scherm',
  };
  var PATTERNS = [
    [/^(\d[\d.,]*) results? in ([\d.,]+) seconds?$/, function (m) { return m[1] + (m[1] === '1' ? ' resultaat' : ' resultaten') + ' in ' + m[2].replace('.', ',') + ' seconden'; }],
    [/^Showing (\d[\d,]*) to (\d[\d,]*) of (\d[\d,]*) entries$/, function (m) { return m[1] + ' tot ' + m[2] + ' van ' + m[3] + ' rijen'; }],
    [/^Showing 0 to 0 of 0 entries$/, function () { return 'Geen rijen'; }],
    [/^(.*): Activate to sort$/, function (m) { return m[1] + ': sorteren'; }],
    [/^(.*): Activate to invert sorting$/, function (m) { return m[1] + ': sortering omdraaien'; }],
    [/^(.*): Activate to remove sorting$/, function (m) { return m[1] + ': sortering opheffen'; }],
  ];
  function translate(s) {
    var t = s.trim();
    if (!t) return s;
    if (Object.prototype.hasOwnProperty.call(NL, t)) return s.replace(t, NL[t]);
    for (var i = 0; i < PATTERNS.length; i++) {
      var m = PATTERNS[i][0].exec(t);
      if (m) return s.replace(t, PATTERNS[i][1](m));
    }
    return s;
  }
  var ATTRS = ['title', 'aria-label', 'placeholder'];
  function translateTree(root) {
    if (root.nodeType === 3) {
      if (root.parentElement && root.parentElement.closest('.CodeMirror-code, .dt-container tbody, .yasr_results pre')) return;
      var v = translate(root.nodeValue);
      if (v !== root.nodeValue) root.nodeValue = v;
      return;
    }
    if (root.nodeType !== 1) return;
    if (root.closest('.CodeMirror-code')) return;
    var els = [root].concat(Array.prototype.slice.call(root.querySelectorAll('*')));
    for (var i = 0; i < els.length; i++) {
      for (var j = 0; j < ATTRS.length; j++) {
        var a = els[i].getAttribute(ATTRS[j]);
        if (a) {
          var t = translate(a);
          if (t !== a) els[i].setAttribute(ATTRS[j], t);
        }
      }
    }
    var w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) translateTree(w.currentNode);
  }

  // Links to this service's IRIs (under the configured bases) lead to the same path on this host.
  var bases = config.bases || [];
  function localHref(href) {
    for (var i = 0; i < bases.length; i++) {
      var b = bases[i];
      if (href.indexOf(b) === 0 && /^(def|id|doc|graph)\//.test(href.slice(b.length))) return '/' + href.slice(b.length);
    }
    return undefined;
  }
  function localLinks(root) {
    if (root.nodeType !== 1) return;
    var links = root.tagName === 'A' ? [root] : root.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      var local = localHref(links[i].getAttribute('href') || '');
      if (local) {
        links[i].setAttribute('href', local);
        links[i].removeAttribute('target');
      }
    }
  }

  // Controls YASGUI leaves without a name, and a tab list that must hold only tabs.
  function repair(root) {
    if (root.nodeType !== 1) return;
    var lists = root.querySelectorAll('.tabsList');
    for (var i = 0; i < lists.length; i++) {
      var add = lists[i].querySelector('.addTab');
      if (add && add.parentElement) {
        var holder = add.parentElement === lists[i] ? add : add.parentElement;
        lists[i].parentElement.insertBefore(holder, lists[i].nextSibling);
      }
      lists[i].setAttribute('aria-label', 'Querytabbladen');
    }
    var names = [
      ['.autocomplete', 'SPARQL-endpoint'],
      ['.clearEndpointBtn', 'Endpoint wissen'],
      ['.tab input[type=text], .tab input:not([type])', 'Naam van het tabblad'],
      ['select.tableSizer', 'Rijen per pagina'],
    ];
    for (var n = 0; n < names.length; n++) {
      var found = root.querySelectorAll(names[n][0]);
      for (var k = 0; k < found.length; k++) if (!found[k].getAttribute('aria-label')) found[k].setAttribute('aria-label', names[n][1]);
    }
    var selects = root.querySelectorAll('.acceptWrapper select, .selector select');
    for (var s = 0; s < selects.length; s++) {
      if (selects[s].getAttribute('aria-label')) continue;
      var label = selects[s].parentElement && selects[s].parentElement.querySelector('label, .selectorLabel');
      selects[s].setAttribute('aria-label', label ? 'Accept-header voor ' + label.textContent.trim() : 'Accept-header');
    }
    var checks = root.querySelectorAll('input[type=checkbox]');
    for (var c = 0; c < checks.length; c++) {
      if (checks[c].getAttribute('aria-label') || (checks[c].id && document.querySelector('label[for="' + checks[c].id + '"]'))) continue;
      var next = checks[c].nextElementSibling;
      if (next && next.textContent.trim()) checks[c].setAttribute('aria-label', translate(next.textContent.trim()));
    }
  }

  var observer = new MutationObserver(function (mutations) {
    observer.disconnect();
    for (var i = 0; i < mutations.length; i++) {
      var m = mutations[i];
      if (m.type === 'characterData') translateTree(m.target);
      for (var j = 0; j < m.addedNodes.length; j++) {
        translateTree(m.addedNodes[j]);
        localLinks(m.addedNodes[j]);
        repair(m.addedNodes[j]);
      }
      if (m.type === 'attributes' && m.target.nodeType === 1) {
        translateTree(m.target);
        if (m.attributeName === 'href') localLinks(m.target);
      }
    }
    watch();
  });
  function watch() {
    observer.observe(el, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRS.concat(['href']) });
  }

  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: window.location.origin + '/sparql', method: 'POST' },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    autofocus: false,
    yasqe: {
      value: config.query,
      autofocus: false,
      resizeable: false,
      editorHeight: 'auto',
      viewportMargin: Infinity,
      // Tab and Shift+Tab move focus out of the editor (no keyboard trap); Ctrl+] / Ctrl+[ indent.
      extraKeys: {
        Tab: false,
        'Shift-Tab': false,
        'Ctrl-]': 'indentMore',
        'Ctrl-[': 'indentLess',
      },
    },
  });
  var tab = yasgui.getTab();
  if (tab && tab.getQuery && tab.getQuery().trim() !== config.query.trim()) tab.setQuery(config.query);

  function describeEditor(t) {
    var yasqe = t && t.getYasqe && t.getYasqe();
    if (!yasqe) return;
    var input = yasqe.getInputField();
    input.setAttribute('aria-label', 'SPARQL-query');
    input.setAttribute('aria-describedby', 'sparql-toetsen');
    input.setAttribute('aria-multiline', 'true');
    var scroller = el.querySelectorAll('.CodeMirror-scroll');
    for (var i = 0; i < scroller.length; i++) scroller[i].setAttribute('tabindex', '-1');
  }
  describeEditor(tab);
  yasgui.on('tabChange', function (_y, t) {
    describeEditor(t);
  });
  yasgui.on('tabAdd', function () {
    setTimeout(function () {
      describeEditor(yasgui.getTab());
    }, 0);
  });
  function say(text) {
    if (!status) return;
    status.textContent = '';
    setTimeout(function () {
      status.textContent = text;
    }, 50);
  }
  yasgui.on('query', function () {
    say('De query wordt uitgevoerd…');
  });
  yasgui.on('queryAbort', function () {
    say('De query is afgebroken.');
  });
  yasgui.on('queryResponse', function (_y, t) {
    // YASR takes the response after this event: read it once it has.
    setTimeout(function () {
      announce(t);
    }, 0);
  });
  function announce(t) {
    var yasr = t && t.getYasr && t.getYasr();
    var results = yasr && yasr.results;
    if (!results) return say('Het antwoord is binnen.');
    var error = results.getError && results.getError();
    if (error) return say('De query gaf een fout' + (error.status ? ' (status ' + error.status + ')' : '') + '.');
    var vars = results.getVariables && results.getVariables();
    var bindings = results.getBindings && results.getBindings();
    if (bindings && vars) say(bindings.length === 1 ? '1 resultaat.' : bindings.length + ' resultaten.');
    else say('Het antwoord is binnen.');
  }

  repair(el);
  translateTree(el);
  localLinks(el);
  watch();
  window.__yasgui = yasgui;
})();
