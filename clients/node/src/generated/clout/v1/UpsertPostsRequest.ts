// Original file: clout/v1/ingest.proto

import type { Post as _clout_v1_Post, Post__Output as _clout_v1_Post__Output } from '../../clout/v1/Post';

export interface UpsertPostsRequest {
  'posts'?: (_clout_v1_Post)[];
}

export interface UpsertPostsRequest__Output {
  'posts': (_clout_v1_Post__Output)[];
}
