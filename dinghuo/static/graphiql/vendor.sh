#!/usr/bin/env bash
# Refresh the GraphiQL assets served at /static/graphiql/ from the npm registry.
# The files are kept gzipped (about 1 MB instead of 4 MB) and served as they are.
# Usage: dinghuo/static/graphiql/vendor.sh  (needs npm; run it only to change versions)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
REACT=18.2.0
GRAPHIQL=3.8.3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "react@$REACT" "react-dom@$REACT" "graphiql@$GRAPHIQL" >/dev/null
for tarball in "react-$REACT" "react-dom-$REACT" "graphiql-$GRAPHIQL"; do
  package="${tarball%-*}"
  mkdir "$package"
  tar xzf "$tarball.tgz" -C "$package" --strip-components=1
done
rm -f "$here"/*.gz
gzip -9n -c react/umd/react.production.min.js >"$here/react-$REACT.min.js.gz"
gzip -9n -c react-dom/umd/react-dom.production.min.js >"$here/react-dom-$REACT.min.js.gz"
gzip -9n -c graphiql/graphiql.min.js >"$here/graphiql-$GRAPHIQL.min.js.gz"
gzip -9n -c graphiql/graphiql.min.css >"$here/graphiql-$GRAPHIQL.min.css.gz"
ls -l "$here"
