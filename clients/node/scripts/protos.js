// Shared by the build scripts: where the API's .proto files are and which ones
// the client uses. Plain CommonJS so it runs before (and without) a build.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const packageDir = path.resolve(__dirname, '..');
// The repository's proto/ folder: the single source of the API.
const sourceProtoDir = path.resolve(packageDir, '..', '..', 'proto');
// The copy inside the package that the built client loads (and npm pack ships).
const packageProtoDir = path.join(packageDir, 'proto');

// Relative to a proto root, in a fixed order.
const protoFiles = [
  'clout/v1/admin.proto',
  'clout/v1/ingest.proto',
  'clout/v1/metrics.proto',
  'clout/v1/query.proto',
  'clout/v1/types.proto',
  'google/rpc/status.proto',
];

// The loader options. The same object is used by proto-loader-gen-types (the
// generated TypeScript types) and at run time (src/proto.ts must agree).
const genTypesArgs = ['--longs=String', '--enums=String', '--defaults', '--oneofs', '--grpcLib=@grpc/grpc-js'];

function listDir(dir) {
  const out = [];
  (function walk(d, rel) {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  })(dir, '');
  return out;
}

module.exports = { packageDir, sourceProtoDir, packageProtoDir, protoFiles, genTypesArgs, listDir };
