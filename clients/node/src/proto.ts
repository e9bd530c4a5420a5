// Loads the clout.v1 API from the .proto files shipped in the package (proto/,
// copied from the repository's proto/ folder by the build) and exposes the
// service constructors and the decoders used for error details.
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import * as protobuf from 'protobufjs';

import type { ProtoGrpcType as AdminProto } from './generated/admin';
import type { ProtoGrpcType as IngestProto } from './generated/ingest';
import type { ProtoGrpcType as MetricsProto } from './generated/metrics';
import type { ProtoGrpcType as QueryProto } from './generated/query';
import type { Status__Output } from './generated/google/rpc/Status';
import type { WriteResponse__Output } from './generated/clout/v1/WriteResponse';
import type { WriteStreamResponse__Output } from './generated/clout/v1/WriteStreamResponse';

export const PROTO_FILES = [
  'clout/v1/admin.proto',
  'clout/v1/ingest.proto',
  'clout/v1/metrics.proto',
  'clout/v1/query.proto',
  'clout/v1/types.proto',
  'google/rpc/status.proto',
];

// Must match the flags given to proto-loader-gen-types (scripts/protos.js):
// the generated __Output types describe objects decoded with these options.
// int64 fields arrive as decimal strings, which the client turns into bigint.
export const LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

/** The folder holding the .proto files: <package>/proto, next to dist/. */
export function protoDir(): string {
  // Compiled to dist/src/proto.js; the package root is two levels up.
  const dir = path.resolve(__dirname, '..', '..', 'proto');
  if (!fs.existsSync(path.join(dir, PROTO_FILES[0]))) {
    throw new Error(`clout .proto files not found in ${dir} (run "npm run build")`);
  }
  return dir;
}

export type CloutProto = AdminProto['clout'] & IngestProto['clout'] & MetricsProto['clout'] & QueryProto['clout'];

let services: CloutProto['v1'] | undefined;

/** The four service client constructors, loaded once. */
export function loadServices(): CloutProto['v1'] {
  if (!services) {
    const def = protoLoader.loadSync(PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [protoDir()] });
    const proto = grpc.loadPackageDefinition(def) as unknown as { clout: CloutProto };
    services = proto.clout.v1;
  }
  return services;
}

let root: protobuf.Root | undefined;

function protobufRoot(): protobuf.Root {
  if (!root) {
    const dir = protoDir();
    const r = new protobuf.Root();
    // Imports resolve against the package's proto folder; protobufjs supplies
    // google/protobuf/any.proto itself.
    r.resolvePath = (_origin, target) => (path.isAbsolute(target) ? target : path.join(dir, target));
    r.loadSync(['google/rpc/status.proto', 'clout/v1/ingest.proto'], { keepCase: false });
    root = r;
  }
  return root;
}

const TO_OBJECT: protobuf.IConversionOptions = { longs: String, enums: String, defaults: true, oneofs: true, arrays: true };

/** Decodes a serialized google.rpc.Status (the grpc-status-details-bin trailer). */
export function decodeStatus(bytes: Uint8Array): Status__Output {
  const type = protobufRoot().lookupType('google.rpc.Status');
  return type.toObject(type.decode(bytes), TO_OBJECT) as Status__Output;
}

export const WRITE_RESPONSE_TYPE = 'clout.v1.WriteResponse';
export const WRITE_STREAM_RESPONSE_TYPE = 'clout.v1.WriteStreamResponse';

/** Decodes a serialized clout.v1.WriteResponse (packed in a Status detail). */
export function decodeWriteResponse(bytes: Uint8Array): WriteResponse__Output {
  const type = protobufRoot().lookupType('clout.v1.WriteResponse');
  return type.toObject(type.decode(bytes), TO_OBJECT) as WriteResponse__Output;
}

/** Decodes a serialized clout.v1.WriteStreamResponse (packed in a Status detail). */
export function decodeWriteStreamResponse(bytes: Uint8Array): WriteStreamResponse__Output {
  const type = protobufRoot().lookupType('clout.v1.WriteStreamResponse');
  return type.toObject(type.decode(bytes), TO_OBJECT) as WriteStreamResponse__Output;
}
