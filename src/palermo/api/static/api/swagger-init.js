// Starts Swagger UI (drf-spectacular-sidecar's copy, served by the app) on the API's own schema. A file, not
// an inline script: the Content-Security-Policy allows scripts from this server only.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    validatorUrl: null, // Swagger UI would otherwise send the schema to an outside validator
    displayOperationId: false,
    defaultModelsExpandDepth: 0,
    // Same-origin calls carry the session cookie; writes also need Django's CSRF token.
    requestInterceptor: function (request) {
      if (!/^(GET|HEAD|OPTIONS)$/i.test(request.method || "GET")) {
        request.headers["X-CSRFToken"] = csrfToken();
      }
      return request;
    },
  });
})();
