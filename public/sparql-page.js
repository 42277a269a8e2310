// Starts YASGUI on the SPARQL page with the project's prefixes preloaded.
(function () {
  var el = document.getElementById('yasgui');
  var configEl = document.getElementById('sparql-config');
  if (!el || !configEl || typeof Yasgui === 'undefined') return;
  var config = JSON.parse(configEl.textContent);
  var yasgui = new Yasgui(el, {
    requestConfig: { endpoint: window.location.origin + '/sparql', method: 'POST' },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    yasqe: { value: config.query },
  });
  var tab = yasgui.getTab();
  if (tab && tab.getQuery && tab.getQuery().trim() !== config.query.trim()) tab.setQuery(config.query);
  window.__yasgui = yasgui;
})();
