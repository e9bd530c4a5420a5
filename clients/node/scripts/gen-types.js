#!/usr/bin/env node
// Generates the TypeScript types of the API with proto-loader-gen-types from
// the repository's proto/ folder. Usage: node scripts/gen-types.js [OUT_DIR]
// (default src/generated, the committed copy; test/generated.test.ts
// regenerates into a temporary folder and compares). Works offline.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { packageDir, sourceProtoDir, protoFiles, genTypesArgs } = require('./protos');

const outDir = path.resolve(process.argv[2] || path.join(packageDir, 'src', 'generated'));
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const bin = require.resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
// Run from the proto root with relative names: the generated files name their
// source ("Original file: clout/v1/...") and must not depend on the checkout's
// location. The .proto files go before --includeDirs, which takes every
// argument after it.
execFileSync(process.execPath, [
  bin, ...genTypesArgs, `--outDir=${outDir}`, ...protoFiles, '--includeDirs', '.',
], { stdio: 'inherit', cwd: sourceProtoDir });
