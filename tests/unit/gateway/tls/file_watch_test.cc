// The watch notices a replaced file (rename over it, as deployments do) and stops promptly.
#include "gateway/tls/file_watch.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <absl/synchronization/notification.h>
#include <gtest/gtest.h>

#include "tests/unit/gateway/tls/dev_ca.h"

namespace ndxp::tls {
namespace {

TEST(FileWatch, CallsBackWhenAFileIsReplaced) {
  const std::string path = testing::DevCa().file("watched.pem");
  std::ofstream(path) << "one";
  absl::Notification changed;
  FileWatch watch({path}, absl::Milliseconds(20), [&] {
    if (!changed.HasBeenNotified()) changed.Notify();
  });
  std::ofstream(path + ".new") << "two, longer";
  std::filesystem::rename(path + ".new", path);
  EXPECT_TRUE(changed.WaitForNotificationWithTimeout(absl::Seconds(10)));
}

TEST(FileWatch, StopsWithoutWaitingForTheInterval) {
  const absl::Time start = absl::Now();
  { FileWatch watch({"/nonexistent"}, absl::Hours(1), [] {}); }
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

}  // namespace
}  // namespace ndxp::tls
