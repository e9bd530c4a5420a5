#!/usr/bin/env node
// Copies the API's .proto files from the repository's proto/ folder into the
// package (proto/), where the built client loads them and npm pack ships them.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { sourceProtoDir, packageProtoDir, protoFiles } = require('./protos');

fs.rmSync(packageProtoDir, { recursive: true, force: true });
for (const f of protoFiles) {
  const to = path.join(packageProtoDir, f);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(sourceProtoDir, f), to);
}
