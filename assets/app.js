/* fincheck dashboard: progressive enhancement only — every page works
 * without this file.  Incident countdowns tick every second. */
(function () {
  'use strict';
  function fmt(secs, zh) {
    var s = Math.abs(secs), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
        m = Math.floor(s % 3600 / 60), x = Math.floor(s % 60);
    function p(n) { return (n < 10 ? '0' : '') + n; }
    if (d) return zh ? d + '天' + p(h) + '時' : d + 'd' + p(h) + 'h';
    if (h) return zh ? h + '時' + p(m) + '分' : h + 'h' + p(m) + 'm';
    return zh ? m + '分' + p(x) + '秒' : m + 'm' + p(x) + 's';
  }
  function tick() {
    var now = Date.now() / 1000;
    var els = document.querySelectorAll('.countdown[data-due]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i], due = Number(el.getAttribute('data-due')), zh = el.getAttribute('data-zh') === '1';
      var left = due - now;
      el.textContent = left >= 0 ? (zh ? '剩餘 ' : 'left: ') + fmt(left, zh)
                                 : (zh ? '已逾 ' : 'overdue by ') + fmt(left, zh);
      el.classList.toggle('late', left < 0);
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (document.querySelector('.countdown[data-due]')) { tick(); setInterval(tick, 1000); }
  });
})();
