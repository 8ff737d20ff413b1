#pragma once
// A file the gateway re-reads when it changes: Changed() compares its modification time (in
// nanoseconds), size and inode with what was seen last, so that an edit in place, a rename over
// it (ndxpctl, editors) and a Kubernetes ConfigMap's symlink swap are all noticed.

#include <string>

namespace ndxp::auth {

class WatchedFile {
 public:
  WatchedFile(std::string path, std::string label);
  // Whether the file differs from the last call (or construction); remembers what it saw.
  bool Changed();
  const std::string& path() const { return path_; }
  // Names the file in metrics and logs: "key_store", "client_registry", "jwks".
  const std::string& label() const { return label_; }

 private:
  struct State {
    bool exists = false;
    long long mtime_ns = -1;
    long long size = -1;
    unsigned long long inode = 0;
    bool operator==(const State&) const = default;
  };
  State Stat() const;

  std::string path_;
  std::string label_;
  State seen_;
};

}  // namespace ndxp::auth
