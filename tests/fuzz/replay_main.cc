// The replay driver linked with each fuzz target in the normal (gcc) build, where libFuzzer is not
// available: runs LLVMFuzzerTestOneInput on every file of the corpus directories (or files) given,
// then on deterministic mutations of each (bit flips, byte changes, insertions, deletions,
// truncations, duplicated ranges, splices with another seed), so that the CI smoke run exercises
// more than the seeds themselves. No randomness from the environment: a run is the same every time.
//
//   fuzz_url [--mutations=N] [--max-len=BYTES] DIR_OR_FILE...
//
// Exits 0 when every input returned (a crash aborts the process; a sanitizer reports it); 2 on a
// usage error or an empty corpus.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

// SplitMix64: small, deterministic, good enough to pick mutation sites.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(Next() % n); }

 private:
  std::uint64_t state_;
};

// Bytes that matter to the parsers under test: delimiters, quotes, escapes, digits, boundaries.
constexpr std::string_view kInteresting =
    "\0\r\n\t \"'\\{}[]:,./%?&=+-_*#0179aAfFzZ\x7f\x80\xc3\xff";

void MutateOnce(std::string& s, const std::string& other, Rng& rng, std::size_t max_len) {
  const std::size_t n = s.size();
  switch (rng.Below(8)) {
    case 0:  // flip a bit
      if (n > 0) s[rng.Below(n)] ^= static_cast<char>(1u << rng.Below(8));
      break;
    case 1:  // set a byte to an interesting one
      if (n > 0) s[rng.Below(n)] = kInteresting[rng.Below(kInteresting.size())];
      break;
    case 2:  // insert an interesting byte
      s.insert(s.begin() + static_cast<std::ptrdiff_t>(rng.Below(n + 1)),
               kInteresting[rng.Below(kInteresting.size())]);
      break;
    case 3:  // delete a range
      if (n > 0) {
        const std::size_t at = rng.Below(n);
        s.erase(at, 1 + rng.Below(std::min<std::size_t>(8, n - at)));
      }
      break;
    case 4:  // truncate
      s.resize(rng.Below(n + 1));
      break;
    case 5:  // duplicate a range in place
      if (n > 0) {
        const std::size_t at = rng.Below(n);
        const std::string piece = s.substr(at, 1 + rng.Below(std::min<std::size_t>(16, n - at)));
        s.insert(rng.Below(s.size() + 1), piece);
      }
      break;
    case 6:  // splice: our head, the other seed's tail
      if (!other.empty()) s = s.substr(0, rng.Below(n + 1)) + other.substr(rng.Below(other.size()));
      break;
    default:  // a random byte
      if (n > 0) s[rng.Below(n)] = static_cast<char>(rng.Next());
      break;
  }
  if (s.size() > max_len) s.resize(max_len);
}

// The input being run, written out by the crash handler so that a failure can be replayed alone
// (`fuzz_x crash-input`) or fed to the libFuzzer build.
const std::string* current_input = nullptr;

void WriteCrashInput(int signal) {
  if (current_input != nullptr) {
    const int fd = ::open("crash-input", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      [[maybe_unused]] ssize_t n = ::write(fd, current_input->data(), current_input->size());
      ::close(fd);
      constexpr char kSaid[] = "replay: the failing input is in ./crash-input\n";
      n = ::write(2, kSaid, sizeof(kSaid) - 1);
    }
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void Run(const std::string& input) {
  current_input = &input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

bool ReadFile(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  for (int signal : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
    std::signal(signal, WriteCrashInput);
  std::size_t mutations = 2000;
  std::size_t max_len = 4096;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--mutations=")) {
      mutations = std::strtoull(argv[i] + 12, nullptr, 10);
    } else if (arg.starts_with("--max-len=")) {
      max_len = std::strtoull(argv[i] + 10, nullptr, 10);
    } else if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else if (std::filesystem::is_regular_file(arg)) {
      files.emplace_back(arg);
    } else {
      std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());  // a directory's order is not the same everywhere
  std::vector<std::string> seeds;
  for (const auto& path : files) {
    std::string bytes;
    if (!ReadFile(path, bytes)) {
      std::fprintf(stderr, "%s: cannot read\n", path.c_str());
      return 2;
    }
    seeds.push_back(std::move(bytes));
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "usage: %s [--mutations=N] [--max-len=BYTES] CORPUS_DIR_OR_FILE...\n",
                 argv[0]);
    return 2;
  }
  Run("");
  std::size_t runs = 1;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    Run(seeds[i]);
    ++runs;
    Rng rng(0x6e647870ULL + i);  // "ndxp" + the seed's index
    for (std::size_t m = 0; m < mutations; ++m) {
      std::string input = seeds[i];
      const std::size_t steps = 1 + rng.Below(4);  // stacked mutations, as libFuzzer does
      for (std::size_t k = 0; k < steps; ++k) {
        MutateOnce(input, seeds[rng.Below(seeds.size())], rng, max_len);
      }
      Run(input);
      ++runs;
    }
  }
  std::printf("%zu seeds, %zu inputs run, no crash\n", seeds.size(), runs);
  return 0;
}
