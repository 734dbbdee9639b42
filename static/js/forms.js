/* Starts deform's widgets on every form page (an inline script would break the CSP). */
deform.load();
