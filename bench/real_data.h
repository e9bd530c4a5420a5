// Loader for the real TikTok creator data set kept outside the repository
// (shared/data/real, see its README for provenance and licence limits).
#ifndef CLOUT_BENCH_REAL_DATA_H_
#define CLOUT_BENCH_REAL_DATA_H_

#include <string>
#include <vector>

#include "bench/workload.h"

namespace clout::bench {

// File name of the hourly data set inside the real-data folder.
inline constexpr char kTikTokHourlyFile[] =
    "tiktok_top_creators_hourly_2022.csv.gz";

// Loads tiktok_top_creators_hourly_2022.csv.gz (or the same CSV uncompressed):
// a header line
//   snapshot_utc,source_endpoint,user_id,handle,verified,followers,total_likes
// followed by one row per snapshot, e.g.
//   2022-03-24T20:40:04Z,m,131256363632148480,katyperry,True,6200000,5000000
// (LF or CRLF line ends; empty lines are ignored).
//
// On success replaces *out with two series per user, "followers" and
// "likes_total" (from total_likes), with creator_id "tiktok:<user_id>" and an
// empty post_id. Users are ordered by creator_id, followers before likes_total.
// Timestamps are the snapshot instants in milliseconds, strictly increasing:
// rows with the same (user, snapshot_utc), which come from different
// endpoints, are merged keeping the last row in file order.
//
// Returns false, leaves *out unchanged and sets *error (if not null) to a
// message naming the file, and the line number where applicable, when the
// file cannot be opened or read, the header differs, or a row is malformed (a
// field count other than 7, an invalid timestamp, an empty or non-digit
// user_id, or a count that is not a non-negative decimal integer fitting
// int64).
bool LoadTikTokHourly(const std::string& path, std::vector<SeriesData>* out,
                      std::string* error);

}  // namespace clout::bench

#endif  // CLOUT_BENCH_REAL_DATA_H_
