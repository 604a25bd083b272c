// Passkey buttons for the second-factor pages, using django-allauth's webauthn.js. The data
// comes from a <script type="application/json"> block (no inline script under the CSP).
(function () {
  function start () {
    if (!window.allauth || !window.allauth.webauthn) { return }
    var forms = window.allauth.webauthn.forms
    if (document.getElementById('passkey-add')) {
      forms.addForm({ ids: { add: 'passkey-add', credential: 'id_credential', data: 'passkey-options' } })
    }
    if (document.getElementById('passkey-use')) {
      forms.authenticateForm({ ids: { authenticate: 'passkey-use', credential: 'id_passkey_credential', data: 'passkey-options' } })
    }
    document.addEventListener('allauth.error', function (event) {
      var box = document.getElementById('passkey-error')
      if (box) { box.hidden = false }
      event.preventDefault()
    })
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start)
  } else {
    start()
  }
})()
