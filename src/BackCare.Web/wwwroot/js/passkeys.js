// Passkeys: the one part of signing in that needs script, since only the browser's WebAuthn API can ask the device to
// make or use a key. Pages show "this browser cannot" by default and everything else on them works without this file.
(function () {
  'use strict';
  var supported = !!(window.PublicKeyCredential &&
    typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function');

  function ready() {
    document.querySelectorAll('[data-passkey-unsupported]').forEach(function (element) { element.hidden = supported; });
    if (!supported) {
      return;
    }

    document.querySelectorAll('[data-passkey-supported]').forEach(function (element) { element.hidden = false; });
    document.querySelectorAll('button[data-passkey]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        event.preventDefault();
        run(button);
      });
    });
  }

  function run(button) {
    var form = button.form;
    var status = document.getElementById(button.dataset.status);
    var options = JSON.parse(button.dataset.options);
    status.hidden = true;
    button.disabled = true;
    var asked = button.dataset.passkey === 'create'
      ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
      : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    asked.then(function (credential) {
      form.elements.credential.value = JSON.stringify(credential.toJSON());
      button.disabled = false;
      form.requestSubmit(button);
    }).catch(function () {
      button.disabled = false;
      status.textContent = button.dataset.failed;
      status.hidden = false;
      status.focus();
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', ready);
  } else {
    ready();
  }
})();
