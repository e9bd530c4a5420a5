// Disk usage of a folder, for statistics.
#ifndef CLOUT_SERVER_COMMON_DISK_USAGE_H_
#define CLOUT_SERVER_COMMON_DISK_USAGE_H_

#include <cstdint>
#include <string>

namespace clout {

// The sum of the sizes of the regular files under `dir`, recursively. Files
// that vanish or cannot be read while it counts are left out; 0 for a
// folder that does not exist. Never fails.
int64_t DirectoryBytes(const std::string& dir);

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_DISK_USAGE_H_
