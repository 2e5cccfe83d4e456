/*
 * Boots GraphiQL in the browser from the settings the gateway embedded in the page
 * (gateway/graphiql/graphiql-page.ts). Plain ES2017, loaded after the React and GraphiQL UMD
 * bundles, which define the React, ReactDOM and GraphiQL globals.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: config.endpoint });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      // Open on the headers tab: the first thing a caller does is paste their token.
      defaultEditorToolsVisibility: 'headers',
      // Tokens are credentials: keep them out of the browser's localStorage.
      shouldPersistHeaders: false,
    }),
  );
})();
