// Starts the vendored Swagger UI on /api/docs (no inline script: the CSP forbids it).
(function () {
  const config = JSON.parse(document.getElementById("swagger-settings").textContent);
  const token = document.body.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis];
  if (token) {
    config.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = token;
      return request;
    };
  }
  SwaggerUIBundle(config);
})();
