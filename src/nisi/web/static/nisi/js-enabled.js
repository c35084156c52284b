// Marks the page as scripted before it is drawn, so govuk-frontend's enhanced components are styled from the start.
// A file, not an inline script: the Content-Security-Policy allows scripts from this site only.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
