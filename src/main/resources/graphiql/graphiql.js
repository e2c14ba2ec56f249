// The page only ever talks to the GraphQL endpoint of its own origin. The service redirects /graphiql to
// /graphiql?path=<its endpoint> (and any other path to that one); a path that is not a plain absolute path of this
// origin (a scheme, '//', a backslash, '@', a host name glued to the origin such as '.evil.test/graphql') is ignored
// here as well, so the IDE never sends introspection, queries or the headers typed into it anywhere else.
var params = new URLSearchParams(window.location.search);
function sameOriginEndpoint(path) {
  var fallback = window.location.origin + '/graphql';
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~\/-]*$/.test(path) || path.indexOf('//') >= 0) {
    return fallback;
  }
  var url = new URL(path, window.location.origin);
  return url.origin === window.location.origin ? url.href : fallback;
}
var endpoint = sameOriginEndpoint(params.get('path'));
var starter = [
  '# The UPDATE list: the ten newest articles.',
  '{',
  '  latest(first: 10) {',
  '    totalCount',
  '    edges { node { headline publishedAt url section { name } reporters { name } } }',
  '    pageInfo { hasNextPage endCursor }',
  '  }',
  '}',
  ''
].join('\n');
// Deep links from documentation: /graphiql?query=...&variables=... opens with that operation, whatever the
// editor held before.
var linked = {};
if (params.get('query')) {
  linked.query = params.get('query');
}
if (params.get('variables')) {
  linked.variables = params.get('variables');
}
var root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, Object.assign({
  fetcher: GraphiQL.createFetcher({ url: endpoint }),
  defaultQuery: starter,
  headerEditorEnabled: true,
  shouldPersistHeaders: false
}, linked)));
