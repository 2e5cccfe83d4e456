/*
 * Downloads a query's result as CSV or Excel: the query, variables and operation name go to
 * POST /workbench/api/export, which runs them through the whole GraphQL pipeline (policy,
 * limits, audit) and answers only what the analyst was served, as a file. The file is saved
 * from the answer (a Blob and a temporary link), so nothing but the gateway is contacted.
 */
(function () {
  'use strict';
  var Sjt = window.Sjt;

  /** The file name of a Content-Disposition header (RFC 6266: filename* wins), or `fallback`. */
  Sjt.filenameOf = function (disposition, fallback) {
    if (!disposition) return fallback;
    var star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
    if (star) {
      try {
        return decodeURIComponent(star[1].trim());
      } catch {
        // malformed: try the plain form
      }
    }
    var plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
    var name = plain ? (plain[1] !== undefined ? plain[1] : plain[2].trim()) : '';
    // A name is a name: no folders, whatever the header says.
    name = name.replace(/[\\/]/g, '_');
    return name || fallback;
  };

  /** Saves a Blob under `filename` through a temporary <a download>. */
  Sjt.saveBlob = function (blob, filename) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
  };

  /**
   * Exports a result: resolves { ok: true, filename } once saved, or { ok: false, message }
   * with the gateway's reason for refusing (limits, a document that does not validate...).
   */
  Sjt.exportResult = function (session, path, format, body, purpose) {
    return session
      .request(path + '?format=' + encodeURIComponent(format), {
        method: 'POST',
        json: body,
        purpose: purpose,
        headers: { accept: '*/*' },
      })
      .then(function (res) {
        if (!res.ok)
          return res
            .json()
            .catch(function () {
              return null;
            })
            .then(function (answer) {
              return { ok: false, message: Sjt.errorMessage(answer, res.status) };
            });
        var fallback = 'shujutong-result.' + (format === 'xlsx' ? 'xlsx' : 'csv');
        var filename = Sjt.filenameOf(res.headers.get('content-disposition'), fallback);
        return res.blob().then(function (blob) {
          Sjt.saveBlob(blob, filename);
          return { ok: true, filename: filename };
        });
      })
      .catch(function (err) {
        return { ok: false, message: String((err && err.message) || err) };
      });
  };
})();
