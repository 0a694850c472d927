// Test helpers shared by store_test (SQLite) and store_postgres_test: submissions to record,
// a scratch folder, and running code in several processes at once.
#pragma once

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tinyperf::store::testing {

// One run to record; `seq` makes the timestamp (10:00:00 + seq seconds) and so the document unique.
struct TestRun {
  int seq = 0;
  std::string processor = "AMD EPYC 9R14";
  std::string scenario = "single_stream";
  std::int64_t batch_size = 1;
  std::int64_t threads = 1;
  std::string commit = "abc1234";
  std::string baseline = "mlp_fp32";
  std::vector<double> baseline_ms = {2.0, 2.1, 2.2, 2.3};
  std::string optimized = "mlp_int8";  // "" = no optimized side
  std::vector<double> optimized_ms = {0.8, 0.81, 0.82};
};

inline std::string timestamp_of(int seq) {
  return fmt::format("2026-11-22T{:02}:{:02}:{:02}Z", 10 + seq / 3600, seq / 60 % 60, seq % 60);
}

// A side with metrics derived from `samples` (simple, not the statistics module's definitions:
// the store copies them, it does not check them).
inline nlohmann::json side_of(const std::string& name, const std::vector<double>& samples,
                              const char* precision) {
  double sum = 0.0;
  for (const double v : samples) sum += v;
  const double mean = samples.empty() ? 1.0 : sum / static_cast<double>(samples.size());
  return {{"model_name", name},
          {"model", {{"format", "tinyperf-model"}, {"precision", precision}, {"size_bytes", 1024}}},
          {"metrics",
           {{"parameter_count", 100},
            {"model_size_mb", 0.0009765625},
            {"accuracy", 0.875},
            {"latency_ms_mean", mean},
            {"latency_ms_median", samples.empty() ? mean : samples[samples.size() / 2]},
            {"latency_ms_p99", samples.empty() ? mean : samples.back()},
            {"throughput_samples_per_sec", 1000.0 / mean}}},
          {"samples", {{"latency_ms", samples}}}};
}

inline nlohmann::json make_submission(const TestRun& run) {
  nlohmann::json doc = {
      {"schema_version", "1.0"},
      {"submission_type", "capstone_benchmark"},
      {"timestamp", timestamp_of(run.seq)},
      {"tool", {{"name", "tinyperf"}, {"version", "0.1.0"}, {"git_commit", run.commit}}},
      {"system_info", {{"platform", "Linux"}, {"processor", run.processor}}},
      {"settings",
       {{"scenario", run.scenario}, {"batch_size", run.batch_size}, {"threads", run.threads}}},
      {"baseline", side_of(run.baseline, run.baseline_ms, "fp32")}};
  if (!run.optimized.empty()) {
    doc["optimized"] = side_of(run.optimized, run.optimized_ms, "int8");
    doc["improvements"] = {{"speedup", 2.5}, {"verdict", "faster"}};
  }
  return doc;
}

// A folder under $TMPDIR (else /tmp), removed with its content at destruction.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base != nullptr ? base : "/tmp") + "/tinyperf_store.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs body(0) ... body(n - 1) in n child processes released at the same moment, and expects
// every child to exit 0. A child that throws prints the message and exits 1.
inline void run_in_processes(int n, const std::function<void(int)>& body) {
  int barrier[2];
  ASSERT_EQ(pipe(barrier), 0);
  std::fflush(nullptr);  // nothing buffered is written twice
  std::vector<pid_t> children;
  for (int i = 0; i < n; ++i) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(barrier[1]);
      char byte = 0;
      (void)!read(barrier[0], &byte, 1);  // returns (EOF) when the parent closes its end
      try {
        body(i);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", i, e.what());
        _exit(1);
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  close(barrier[0]);
  close(barrier[1]);
  for (const pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
}

}  // namespace tinyperf::store::testing
