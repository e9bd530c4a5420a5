// cloutd serves the standard health and reflection services and shuts down
// cleanly on SIGTERM.
#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <set>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/support/api_client.h"
#include "tests/support/cloutd_process.h"

namespace clout::testing {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

TEST(StandardServices, HealthReflectionAndCleanShutdown) {
  const std::string dir = MakeTempDir("clout_std_test");
  CloutdOptions options;
  options.data_dir = dir;
  auto server = CloutdProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->target(),
                                     grpc::InsecureChannelCredentials());

  auto health = grpc::health::v1::Health::NewStub(channel);
  for (const char* service :
       {"", "clout.v1.Ingest", "clout.v1.Query", "clout.v1.Admin",
        "clout.v1.Metrics", "clout.v1.Bulk"}) {
    HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    ASSERT_TRUE(health->Check(Deadline().get(), request, &response).ok())
        << service;
    EXPECT_EQ(response.status(), HealthCheckResponse::SERVING) << service;
  }

  {
    auto reflection =
        grpc::reflection::v1alpha::ServerReflection::NewStub(channel);
    auto ctx = Deadline();
    auto stream = reflection->ServerReflectionInfo(ctx.get());
    grpc::reflection::v1alpha::ServerReflectionRequest request;
    request.set_list_services("");
    ASSERT_TRUE(stream->Write(request));
    grpc::reflection::v1alpha::ServerReflectionResponse response;
    ASSERT_TRUE(stream->Read(&response));
    std::set<std::string> services;
    for (const auto& s : response.list_services_response().service()) {
      services.insert(s.name());
    }
    EXPECT_THAT(services, ::testing::IsSupersetOf(
                              {"clout.v1.Ingest", "clout.v1.Query",
                               "clout.v1.Admin", "clout.v1.Metrics",
                               "clout.v1.Bulk", "grpc.health.v1.Health"}));
    // The API's descriptors are served too, so tools can call it untyped.
    request.set_file_containing_symbol("clout.v1.Ingest");
    ASSERT_TRUE(stream->Write(request));
    ASSERT_TRUE(stream->Read(&response));
    EXPECT_GT(response.file_descriptor_response().file_descriptor_proto_size(),
              0);
    stream->WritesDone();
    EXPECT_TRUE(stream->Finish().ok());
  }

  // Data written before SIGTERM is there after a restart; exit status 0.
  ApiClient client((*server)->target());
  clout::v1::WriteRequest write;
  *write.add_series() = Series("c", "", "followers", {1735689600000}, {9});
  clout::v1::WriteResponse written;
  ASSERT_TRUE(client.ingest->Write(Deadline().get(), write, &written).ok());
  int status = (*server)->Kill(SIGTERM);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  auto again = CloutdProcess::Start(options);
  ASSERT_TRUE(again.ok()) << again.status();
  ApiClient client2((*again)->target());
  clout::v1::ReadSeriesRequest read;
  read.set_creator_id("c");
  read.set_field("followers");
  clout::v1::ReadSeriesResponse got;
  ASSERT_TRUE(client2.query->ReadSeries(Deadline().get(), read, &got).ok());
  EXPECT_THAT(got.values(), ::testing::ElementsAre(9));
  again->reset();
  std::filesystem::remove_all(dir);
}

TEST(StandardServices, SecondServerOnSameFolderFailsClearly) {
  const std::string dir = MakeTempDir("clout_std_lock_test");
  CloutdOptions options;
  options.data_dir = dir;
  auto first = CloutdProcess::Start(options);
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = CloutdProcess::Start(options);
  ASSERT_FALSE(second.ok());
  EXPECT_THAT(std::string(second.status().message()),
              ::testing::HasSubstr("exited before serving"));
  first->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace clout::testing
