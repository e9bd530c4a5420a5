import * as grpc from '@grpc/grpc-js';
import { decodeStatus, decodeWriteResponse, decodeWriteStreamResponse, WRITE_RESPONSE_TYPE, WRITE_STREAM_RESPONSE_TYPE } from './proto';
import { int64FromWire } from './int64';
import type { Rejection, WriteResult, WriteStreamResult } from './types';
import type { Rejection__Output } from './generated/clout/v1/Rejection';

/** gRPC status codes (the same numbers as grpc.status of @grpc/grpc-js). */
export const Code = grpc.status;
export type Code = grpc.status;

/**
 * Every failed call rejects with a CloutError. `code` is the gRPC status code
 * (compare with `Code.NOT_FOUND` and so on), `message` the server's message
 * prefixed by the code's name, `details` the server's message alone.
 *
 * A write with invalid samples fails with INVALID_ARGUMENT; its `rejections`
 * list the rejected samples (series index, sample index or -1 for a whole
 * series, and the reason) and `writeResult` has the accepted and rejected
 * counts: the valid samples were stored. For write() the rejections are
 * complete; for writeStream() they are the first 100 (series indexes count
 * from the start of the stream) and `writeStreamResult` is also set.
 */
export class CloutError extends Error {
  override readonly name = 'CloutError';
  readonly code: Code;
  readonly codeName: string;
  readonly details: string;
  readonly rejections: Rejection[];
  readonly writeResult?: WriteResult;
  readonly writeStreamResult?: WriteStreamResult;
  readonly metadata?: grpc.Metadata;

  constructor(
    code: Code,
    details: string,
    init: { rejections?: Rejection[]; writeResult?: WriteResult; writeStreamResult?: WriteStreamResult; metadata?: grpc.Metadata; cause?: unknown } = {},
  ) {
    const codeName = grpc.status[code] ?? `CODE_${code}`;
    super(`${codeName}: ${details}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.codeName = codeName;
    this.details = details;
    this.rejections = init.rejections ?? [];
    this.writeResult = init.writeResult;
    this.writeStreamResult = init.writeStreamResult;
    this.metadata = init.metadata;
  }
}

function isServiceError(e: unknown): e is grpc.ServiceError {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'number' && 'details' in e;
}

/** Turns anything a gRPC call threw into a CloutError (decoding WriteResponse details). */
export function toCloutError(e: unknown): CloutError {
  if (e instanceof CloutError) return e;
  if (!isServiceError(e)) {
    const msg = e instanceof Error ? e.message : String(e);
    return new CloutError(grpc.status.UNKNOWN, msg, { cause: e });
  }
  let writeResult: WriteResult | undefined;
  let writeStreamResult: WriteStreamResult | undefined;
  const bins = e.metadata?.get('grpc-status-details-bin') ?? [];
  for (const bin of bins) {
    if (typeof bin === 'string') continue;
    try {
      const st = decodeStatus(bin);
      for (const any of st.details) {
        const typeName = (any.type_url ?? '').slice((any.type_url ?? '').lastIndexOf('/') + 1);
        if (typeName === WRITE_RESPONSE_TYPE) {
          const wr = decodeWriteResponse(any.value);
          writeResult = { accepted: int64FromWire(wr.accepted), rejected: int64FromWire(wr.rejected), rejections: wr.rejections.map(rejection) };
        } else if (typeName === WRITE_STREAM_RESPONSE_TYPE) {
          const ws = decodeWriteStreamResponse(any.value);
          writeStreamResult = {
            messages: int64FromWire(ws.messages),
            accepted: int64FromWire(ws.accepted),
            rejected: int64FromWire(ws.rejected),
            firstRejections: ws.firstRejections.map(rejection),
          };
          writeResult = { accepted: writeStreamResult.accepted, rejected: writeStreamResult.rejected, rejections: writeStreamResult.firstRejections };
        }
      }
    } catch {
      // Undecodable details: the code and message still tell what happened.
    }
  }
  return new CloutError(e.code, e.details, { rejections: writeResult?.rejections, writeResult, writeStreamResult, metadata: e.metadata, cause: e });
}

function rejection(r: Rejection__Output): Rejection {
  return { seriesIndex: r.seriesIndex, sampleIndex: r.sampleIndex, reason: r.reason };
}
