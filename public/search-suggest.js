// Suggestions as you type in the search field (/zoeken): names from /zoeken/suggesties
// fill the field's <datalist>, which the browser offers natively (keyboard and screen
// reader included). Without JavaScript the form simply submits.
(function () {
  var input = document.getElementById('zoekterm');
  var list = document.getElementById('zoek-suggesties');
  if (!input || !list || !window.fetch) return;
  var timer;
  var last = '';
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      fetch('/zoeken/suggesties?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (r) {
          return r.ok ? r.json() : [];
        })
        .then(function (items) {
          if (input.value.trim() !== q) return;
          list.textContent = '';
          items.forEach(function (item) {
            var option = document.createElement('option');
            option.value = item.label;
            option.label = item.kind;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
