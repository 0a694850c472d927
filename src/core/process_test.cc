// run_process on /bin/sh: what the child prints, its exit code and signal, stdin, large output,
// truncation, a program that does not exist, and the stop flag (SIGTERM, then SIGKILL).
#include "tinyperf/core/process.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf {
namespace {

ProcessOutput sh(const std::string& script, const std::string& input = {},
                 const ProcessOptions& options = {}) {
  return run_process({"/bin/sh", "-c", script}, input, options);
}

TEST(RunProcess, CollectsStdoutStderrAndExitCode) {
  const ProcessOutput r = sh("echo out; echo err >&2; exit 7");
  EXPECT_EQ(r.stdout_text, "out\n");
  EXPECT_EQ(r.stderr_text, "err\n");
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_FALSE(r.stopped);
  EXPECT_GT(r.wall_seconds, 0.0);
}

TEST(RunProcess, PassesStdin) {
  const std::string big(300000, 'x');  // more than a pipe buffer holds (64 KiB)
  const ProcessOutput r = sh("wc -c", big);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(std::stoul(r.stdout_text), big.size());
}

TEST(RunProcess, ReadsOutputLargerThanAPipeBuffer) {
  // 1 MB on stdout and on stderr at once: a reader that waited for one stream first would block.
  const ProcessOutput r = sh("head -c 1000000 /dev/zero; head -c 1000000 /dev/zero >&2");
  EXPECT_EQ(r.stdout_text.size(), 1000000u);
  EXPECT_EQ(r.stderr_text.size(), 1000000u);
}

TEST(RunProcess, TruncatesAtTheLimit) {
  ProcessOptions options;
  options.max_output_bytes = 10;
  const ProcessOutput r = sh("echo 0123456789abcdef", {}, options);
  EXPECT_EQ(r.stdout_text, "0123456789");
  EXPECT_TRUE(r.stdout_truncated);
  EXPECT_EQ(r.exit_code, 0);
}

TEST(RunProcess, ReportsASignalAs128PlusItsNumber) {
  EXPECT_EQ(sh("kill -9 $$").exit_code, 128 + 9);
}

TEST(RunProcess, ThrowsForAProgramThatDoesNotExist) {
  EXPECT_THROW(run_process({"/no/such/program"}), IoError);
  EXPECT_THROW(run_process({}), InputError);
}

TEST(RunProcess, StopFlagEndsTheChildWithSigterm) {
  std::atomic<bool> stop{false};
  ProcessOptions options;
  options.stop = &stop;
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = true;
  });
  const ProcessOutput r = sh("sleep 30", {}, options);
  setter.join();
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.exit_code, 128 + 15);
  EXPECT_LT(r.wall_seconds, 10.0);
}

TEST(RunProcess, StopFlagKillsAChildThatIgnoresSigterm) {
  std::atomic<bool> stop{false};
  ProcessOptions options;
  options.stop = &stop;
  options.kill_grace_ms = 100;
  std::thread setter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  // The shell ignores TERM and so does its sleep (ignored dispositions survive exec).
  const ProcessOutput r = sh("trap '' TERM; sleep 30", {}, options);
  setter.join();
  EXPECT_TRUE(r.stopped);
  EXPECT_EQ(r.exit_code, 128 + 9);
}

TEST(LastLine, SkipsTrailingBlankLines) {
  EXPECT_EQ(last_line("one\ntwo\n\n  \n"), "two");
  EXPECT_EQ(last_line("only"), "only");
  EXPECT_EQ(last_line(""), "");
  EXPECT_EQ(last_line("\n\n"), "");
}

}  // namespace
}  // namespace tinyperf
