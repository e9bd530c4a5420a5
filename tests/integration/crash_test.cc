// Durability: every write acknowledged before a SIGKILL is there after a
// restart on the same data folder.
#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "gtest/gtest.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

constexpr int64_t kT0 = 1735689600000;

struct Acknowledged {
  std::mutex mu;
  std::map<std::string, std::map<int64_t, int64_t>> series;  // field -> t -> v
};

// Writes batches until `stop`; records what the server acknowledged.
void WriteUntilStopped(const std::string& target, int writer, int round,
                       std::atomic<bool>* stop, std::atomic<int>* acks,
                       Acknowledged* acked) {
  ApiClient client(target);
  const std::string field = "field_w" + std::to_string(writer);
  for (int64_t batch = 0; !stop->load(); ++batch) {
    clout::v1::WriteRequest request;
    std::vector<int64_t> ts, vs;
    for (int i = 0; i < 500; ++i) {
      // Each round overwrites part of the previous round's samples.
      ts.push_back(kT0 + (batch * 500 + i) * 1000);
      vs.push_back(round * 1000000 + batch * 500 + i);
    }
    *request.add_series() = Series("crash:1", "", field, ts, vs);
    clout::v1::WriteResponse response;
    grpc::Status st =
        client.ingest->Write(Deadline(5).get(), request, &response);
    if (!st.ok()) return;  // The server is gone; this batch is unacknowledged.
    std::lock_guard<std::mutex> lock(acked->mu);
    for (size_t i = 0; i < ts.size(); ++i) acked->series[field][ts[i]] = vs[i];
    acks->fetch_add(1);
  }
}

TEST(CrashTest, AcknowledgedWritesSurviveSigkill) {
  const std::string dir = MakeTempDir("clout_crash_test");
  Acknowledged acked;
  for (int round = 0; round < 3; ++round) {
    CloutdOptions options;
    options.data_dir = dir;
    auto server = CloutdProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    std::atomic<bool> stop{false};
    std::atomic<int> acks{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 2; ++w) {
      writers.emplace_back(WriteUntilStopped, (*server)->target(), w, round,
                           &stop, &acks, &acked);
    }
    // Kill while both writers have calls in flight.
    while (acks.load() < 40 * (round + 1)) std::this_thread::yield();
    int status = (*server)->Kill(SIGKILL);
    stop = true;
    for (auto& t : writers) t.join();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  }

  CloutdOptions options;
  options.data_dir = dir;
  auto server = CloutdProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  ApiClient client((*server)->target());
  ASSERT_EQ(acked.series.size(), 2u);
  for (const auto& [field, samples] : acked.series) {
    clout::v1::ReadSeriesRequest request;
    request.set_creator_id("crash:1");
    request.set_field(field);
    clout::v1::ReadSeriesResponse response;
    ASSERT_TRUE(
        client.query->ReadSeries(Deadline().get(), request, &response).ok());
    std::map<int64_t, int64_t> stored;
    for (int i = 0; i < response.timestamps_ms_size(); ++i) {
      stored[response.timestamps_ms(i)] = response.values(i);
    }
    size_t missing = 0, wrong = 0;
    for (const auto& [t, v] : samples) {
      auto it = stored.find(t);
      if (it == stored.end()) {
        ++missing;
      } else if (it->second < v) {
        // A later unacknowledged write may have overwritten an acknowledged
        // value with a newer one (higher, by construction), never an older.
        ++wrong;
      }
    }
    EXPECT_EQ(missing, 0u) << field << ": acknowledged samples lost";
    EXPECT_EQ(wrong, 0u) << field << ": acknowledged values rolled back";
    EXPECT_GT(samples.size(), 0u);
  }
  server->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace clout::testing
