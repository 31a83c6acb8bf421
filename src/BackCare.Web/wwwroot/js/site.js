// Small improvements only: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.js-print').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });

  // After a form comes back with a problem, start at the list of problems; on a step of a form (a question of the
  // check, say), start at its heading, so that the first Tab reaches the first answer. Without script, the skip link
  // does the same. Nothing moves when the page was opened at an anchor or something already has focus.
  if (window.location.hash || (document.activeElement && document.activeElement !== document.body)) {
    return;
  }

  var target = document.querySelector('.error-summary') || document.querySelector('main[data-focus=heading] h1');
  if (target) {
    if (!target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
    }

    target.focus();
  }
});
