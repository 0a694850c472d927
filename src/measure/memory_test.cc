#include "tinyperf/measure/memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"

namespace tinyperf::measure {
namespace {

using testing::TempDir;

constexpr std::int64_t kMiB = std::int64_t{1} << 20;

// A fake /proc whose self/status reads `status`, with a self/clear_refs file (a kernel that
// offers the peak reset) when `clear_refs`.
struct FakeProc {
  FakeProc(const std::string& status, bool clear_refs) : env(dir.path()) {
    if (clear_refs) dir.write("proc/self/clear_refs", "");
    dir.write("proc/self/status", status);
  }
  TempDir dir;
  RootedEnv env;
};

TEST(StatusBytes, ReadsKilobyteFieldsAsBytes) {
  const std::string status =
      "Name:\ttest\nVmPeak:\t  99999 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
  EXPECT_EQ(status_bytes(status, "VmHWM", "status"), 1234 * 1024);
  EXPECT_EQ(status_bytes(status, "VmRSS", "status"), 1000 * 1024);
}

TEST(StatusBytes, RejectsMissingOrMalformedFieldsNamingThem) {
  EXPECT_THROW(status_bytes("VmRSS:\t1 kB\n", "VmHWM", "s"), InputError);
  EXPECT_THROW(status_bytes("VmHWM:\t12 MB\n", "VmHWM", "s"), InputError);
  EXPECT_THROW(status_bytes("VmHWM:\tabc kB\n", "VmHWM", "s"), InputError);
  EXPECT_THROW(status_bytes("VmHWM:\t-5 kB\n", "VmHWM", "s"), InputError);
  EXPECT_THROW(status_bytes("VmHWM:", "VmHWM", "s"), InputError);
  EXPECT_THROW(status_bytes("VmHWMX:\t5 kB\n", "VmHWM", "s"), InputError);
  try {
    status_bytes("VmHWM:\t12 MB\n", "VmHWM", "/proc/self/status");
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/proc/self/status: VmHWM"), std::string::npos);
  }
}

TEST(PeakMemoryProbe, ResetMakesThePeakThatOfThePhase) {
  PeakMemoryProbe probe;
  if (probe.begin_phase() != MemoryScope::kPhase) {
    GTEST_SKIP() << "this kernel refuses to reset the peak (/proc/self/clear_refs)";
  }
  // mmap, not new: freed memory must really leave the process (no allocator or ASan quarantine).
  const std::size_t bytes = 64 * kMiB;
  void* block = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(block, MAP_FAILED);
  std::memset(block, 1, bytes);
  const PeakMemory with_block = probe.end_phase();
  ::munmap(block, bytes);
  EXPECT_EQ(with_block.scope, MemoryScope::kPhase);
  EXPECT_GE(with_block.peak_rss_bytes, with_block.start_rss_bytes + 60 * kMiB);

  ASSERT_EQ(probe.begin_phase(), MemoryScope::kPhase);
  const PeakMemory without = probe.end_phase();
  EXPECT_LT(without.peak_rss_bytes, with_block.peak_rss_bytes - 32 * kMiB);
}

TEST(PeakMemoryProbe, WithoutClearRefsThePeakIsProcessWideAndTheFileIsNotCreated) {
  const FakeProc proc("VmHWM:\t5000 kB\nVmRSS:\t5000 kB\n", false);
  PeakMemoryProbe probe(proc.env);
  EXPECT_EQ(probe.begin_phase(), MemoryScope::kProcess);
  EXPECT_FALSE(std::filesystem::exists(proc.dir.path() + "/proc/self/clear_refs"));
  const PeakMemory p = probe.end_phase();
  EXPECT_EQ(p.scope, MemoryScope::kProcess);
  EXPECT_EQ(p.peak_rss_bytes, 5000 * 1024);
}

TEST(PeakMemoryProbe, AResetThatDidNotTakeEffectIsReportedAsProcessWide) {
  // The mark far above the resident set.
  const FakeProc proc("VmHWM:\t500000 kB\nVmRSS:\t1000 kB\n", true);
  PeakMemoryProbe probe(proc.env);
  EXPECT_EQ(probe.begin_phase(), MemoryScope::kProcess);
}

TEST(PeakMemoryProbe, AnEffectiveResetGivesAPhasePeak) {
  const FakeProc proc("VmHWM:\t1200 kB\nVmRSS:\t1000 kB\n", true);
  PeakMemoryProbe probe(proc.env);
  EXPECT_EQ(probe.begin_phase(), MemoryScope::kPhase);
  EXPECT_EQ(read_text_file(proc.dir.path() + "/proc/self/clear_refs"), "5");
  proc.dir.write("proc/self/status", "VmHWM:\t9000 kB\nVmRSS:\t2000 kB\n");
  const PeakMemory p = probe.end_phase();
  EXPECT_EQ(p.peak_rss_bytes, 9000 * 1024);
  EXPECT_EQ(p.start_rss_bytes, 1000 * 1024);
  EXPECT_EQ(p.end_rss_bytes, 2000 * 1024);
  EXPECT_STREQ(to_string(p.scope), "phase");
}

TEST(PeakMemoryProbe, AMissingStatusFileIsAnIoError) {
  TempDir dir;
  const RootedEnv env(dir.path());
  PeakMemoryProbe probe(env);
  EXPECT_THROW(probe.begin_phase(), IoError);
  EXPECT_THROW(probe.end_phase(), IoError);
}

TEST(HugePages, ReadsTheModeAndTheProcessesHugeAnonymousMemory) {
  TempDir dir;
  dir.write("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
  dir.write("proc/self/smaps_rollup",
            "55d0-7ffd ---p 00000000 00:00 0 [rollup]\nRss:  9000 kB\nAnonHugePages:  4096 kB\n");
  const RootedEnv env(dir.path());
  const HugePages pages = read_huge_pages(env);
  EXPECT_EQ(pages.thp_mode, "madvise");
  ASSERT_TRUE(pages.anon_huge_bytes.has_value());
  EXPECT_EQ(*pages.anon_huge_bytes, 4096 * 1024);
  EXPECT_EQ(to_string(pages), "4 MiB (THP madvise)");
}

TEST(HugePages, MissingOrOddFilesAreUnknownNotErrors) {
  TempDir dir;
  dir.write("sys/kernel/mm/transparent_hugepage/enabled", "garbage without brackets");
  dir.write("proc/self/smaps_rollup", "AnonHugePages: lots\n");
  const HugePages odd = read_huge_pages(RootedEnv(dir.path()));
  EXPECT_EQ(odd.thp_mode, "unknown");
  EXPECT_FALSE(odd.anon_huge_bytes.has_value());
  EXPECT_EQ(to_string(odd), "unknown (THP unknown)");

  TempDir empty;
  const HugePages none = read_huge_pages(RootedEnv(empty.path()));
  EXPECT_EQ(none.thp_mode, "unknown");
  EXPECT_FALSE(none.anon_huge_bytes.has_value());
  EXPECT_EQ(to_string(HugePages{"never", 0}), "none (THP never)");
}

TEST(HugePages, ReadsThisMachineWhereTheKernelHasTheFiles) {
  // Linux >= 4.14 has smaps_rollup, and a kernel with THP the mode file: where they exist, the
  // real files must parse (their format is the kernel's, not the fake tree's above).
  const HugePages pages = read_huge_pages();
  if (std::ifstream("/proc/self/smaps_rollup").good()) {
    EXPECT_TRUE(pages.anon_huge_bytes.has_value());
  }
  if (std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled").good()) {
    EXPECT_NE(pages.thp_mode, "unknown");
  }
}

}  // namespace
}  // namespace tinyperf::measure
