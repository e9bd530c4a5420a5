// Original file: clout/v1/query.proto

import type { Post as _clout_v1_Post, Post__Output as _clout_v1_Post__Output } from '../../clout/v1/Post';

export interface ListPostsResponse {
  'posts'?: (_clout_v1_Post)[];
  'nextPageToken'?: (string);
}

export interface ListPostsResponse__Output {
  'posts': (_clout_v1_Post__Output)[];
  'nextPageToken': (string);
}
