// The behaviour every ResultsStore backend must show, written once and run by store_test (SQLite)
// and store_postgres_test (PostgreSQL). Each check takes a factory that opens the same, initially
// empty, store (in this process or in a forked child).
#pragma once

#include <signal.h>

#include <algorithm>
#include <memory>
#include <set>

#include <gtest/gtest.h>

#include "relational_store.h"
#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/store/history.h"

namespace tinyperf::store::contract {

using Factory = std::function<std::unique_ptr<ResultsStore>(detail::StoreHooks)>;
using testing::make_submission;
using testing::TestRun;

// Opens (creating it on first use) the store at `location`, a file path or a postgresql:// URL.
inline Factory factory_for(std::string location) {
  return [location = std::move(location)](detail::StoreHooks hooks) {
    return detail::open_store_with_hooks(location, OpenMode::kCreate, std::move(hooks));
  };
}

inline void round_trip(const Factory& open) {
  auto store = open({});
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  const nlohmann::json doc = make_submission(TestRun{.seq = 7});
  const RecordResult result = store->record_run(doc, {"tinyperf run --quick", "", "results"});
  EXPECT_TRUE(result.inserted);
  EXPECT_GT(result.id, 0);
  EXPECT_EQ(store->load_submission(result.id), doc);
  const auto runs = store->list_runs();
  ASSERT_EQ(runs.size(), 1u);
  const RunRow& run = runs[0];
  EXPECT_EQ(run.id, result.id);
  EXPECT_EQ(run.timestamp, "2026-11-22T10:00:07Z");
  EXPECT_EQ(run.recorded_at.size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
  EXPECT_EQ(run.git_commit, "abc1234");
  EXPECT_EQ(run.tool_version, "0.1.0");
  EXPECT_EQ(run.processor, "AMD EPYC 9R14");
  EXPECT_EQ(run.scenario, "single_stream");
  EXPECT_EQ(run.batch_size, 1);
  EXPECT_EQ(run.command, "tinyperf run --quick");
  EXPECT_EQ(run.out_dir, "results");
  EXPECT_EQ(run.speedup, 2.5);
  EXPECT_EQ(run.verdict, "faster");
  EXPECT_EQ(run.submission_sha256.size(), 64u);
  ASSERT_EQ(run.models.size(), 2u);
  EXPECT_EQ(run.models[0].role, "baseline");
  EXPECT_EQ(run.models[0].model_name, "mlp_fp32");
  EXPECT_EQ(run.models[0].precision, "fp32");
  EXPECT_EQ(run.models[0].sample_count, 4);
  EXPECT_EQ(run.models[0].latency_ms_median, 2.2);
  EXPECT_EQ(run.models[0].latency_ms_mean, (2.0 + 2.1 + 2.2 + 2.3) / 4);  // bit-exact round trip
  EXPECT_EQ(run.models[0].accuracy, 0.875);
  EXPECT_EQ(run.models[1].role, "optimized");
  EXPECT_EQ(run.models[1].model_name, "mlp_int8");
  EXPECT_EQ(run.models[1].throughput_samples_per_sec, 1000.0 / ((0.8 + 0.81 + 0.82) / 3));
}

inline void commit_override_and_reopen(const Factory& open) {
  open({})->record_run(make_submission(TestRun{.seq = 1}), {"", "feedbeef", ""});
  auto reopened = open({});  // a second opening neither migrates again nor loses data
  EXPECT_EQ(reopened->schema_version(), kSchemaVersion);
  const auto runs = reopened->list_runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].git_commit, "feedbeef");
}

inline void same_submission_stored_once(const Factory& open) {
  auto store = open({});
  const nlohmann::json doc = make_submission(TestRun{.seq = 3});
  const RecordResult first = store->record_run(doc);
  const RecordResult again = store->record_run(doc, {"other command", "", ""});
  EXPECT_TRUE(first.inserted);
  EXPECT_FALSE(again.inserted);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(store->list_runs().size(), 1u);
}

inline std::vector<std::int64_t> ids(const std::vector<RunRow>& runs) {
  std::vector<std::int64_t> result;
  for (const RunRow& run : runs) result.push_back(run.id);
  return result;
}

inline void filters_and_newest_first(const Factory& open) {
  auto store = open({});
  // Recorded out of time order: the list follows the submissions' timestamps.
  const auto a = store->record_run(make_submission(TestRun{.seq = 20})).id;
  const auto b = store->record_run(make_submission(TestRun{.seq = 10})).id;
  const auto c = store
                     ->record_run(make_submission(
                         TestRun{.seq = 30, .processor = "Intel Xeon", .optimized = "mlp_pruned"}))
                     .id;
  const auto d = store->record_run(make_submission(TestRun{.seq = 40, .batch_size = 32})).id;
  const auto e = store
                     ->record_run(make_submission(
                         TestRun{.seq = 50, .optimized = "mlp_int8", .optimized_ms = {}}))
                     .id;
  EXPECT_EQ(ids(store->list_runs()), (std::vector<std::int64_t>{e, d, c, a, b}));
  EXPECT_EQ(ids(store->list_runs({.limit = 2})), (std::vector<std::int64_t>{e, d}));
  EXPECT_EQ(ids(store->list_runs({.model = "mlp_pruned"})), (std::vector<std::int64_t>{c}));
  EXPECT_EQ(ids(store->list_runs({.model = "mlp_int8", .min_samples = 1})),
            (std::vector<std::int64_t>{d, a, b}));  // e's int8 side has no samples
  EXPECT_EQ(ids(store->list_runs({.processor = "Intel Xeon"})), (std::vector<std::int64_t>{c}));
  EXPECT_EQ(ids(store->list_runs({.batch_size = 32})), (std::vector<std::int64_t>{d}));
  EXPECT_EQ(ids(store->list_runs({.scenario = "offline"})), (std::vector<std::int64_t>{}));
  const std::string sha_of_a = store->list_runs({.limit = 4})[3].submission_sha256;
  EXPECT_EQ(ids(store->list_runs({.threads = 1, .exclude_submission_sha256 = sha_of_a})),
            (std::vector<std::int64_t>{e, d, c, b}));
}

inline void failed_record_leaves_nothing(const Factory& open) {
  open({})->record_run(make_submission(TestRun{.seq = 1}));
  auto failing = open({.before_commit = [] { throw IoError("injected failure before commit"); }});
  EXPECT_THROW(failing->record_run(make_submission(TestRun{.seq = 2})), IoError);
  auto store = open({});
  EXPECT_EQ(store->list_runs().size(), 1u);
  EXPECT_TRUE(store->record_run(make_submission(TestRun{.seq = 2})).inserted);  // not stored before
}

inline void bad_submission_refused(const Factory& open) {
  auto store = open({});
  nlohmann::json doc = make_submission(TestRun{});
  doc["system_info"].erase("processor");
  try {
    store->record_run(doc);
    ADD_FAILURE() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("$.system_info.processor"), std::string::npos) << e.what();
  }
  doc = make_submission(TestRun{});
  doc["baseline"]["metrics"]["accuracy"] = "high";
  EXPECT_THROW(store->record_run(doc), InputError);
  EXPECT_THROW(store->record_run(nlohmann::json::array()), InputError);
  EXPECT_THROW(store->record_run({{"tinytorch_version", "0.1"}}), InputError);
  EXPECT_THROW(store->load_submission(12345), InputError);
  EXPECT_TRUE(store->list_runs().empty());
}

inline std::vector<std::int64_t> run_ids(const HistoryBaseline& baseline) {
  std::vector<std::int64_t> result;
  for (const HistoryRun& run : baseline.runs) result.push_back(run.id);
  return result;
}

inline void history_takes_latest_matching_runs(const Factory& open) {
  auto store = open({});
  for (int seq = 1; seq <= 7; ++seq) {  // run `seq` measured mlp_int8 as {seq, seq + 0.5}
    store->record_run(make_submission(TestRun{.seq = seq, .optimized_ms = {seq + 0.0, seq + 0.5}}));
  }
  store->record_run(make_submission(TestRun{.seq = 8, .processor = "other"}));
  store->record_run(make_submission(TestRun{.seq = 9, .threads = 2}));
  store->record_run(make_submission(TestRun{.seq = 10, .batch_size = 4}));
  store->record_run(make_submission(TestRun{.seq = 11, .scenario = "offline"}));
  const nlohmann::json candidate = make_submission(TestRun{.seq = 100, .optimized_ms = {9.0, 9.5}});
  const HistoryQuery query = history_query_for(candidate, "mlp_int8", 3);
  const HistoryBaseline baseline = history_baseline(*store, query);
  EXPECT_EQ(run_ids(baseline), (std::vector<std::int64_t>{7, 6, 5}));
  ASSERT_EQ(baseline.runs.size(), 3u);
  EXPECT_EQ(baseline.runs[0].latency_ms, (std::vector<double>{7.0, 7.5}));
  EXPECT_EQ(baseline.runs[2].latency_ms, (std::vector<double>{5.0, 5.5}));
  EXPECT_EQ(baseline.runs[0].timestamp, "2026-11-22T10:00:07Z");
  EXPECT_EQ(baseline.runs[0].git_commit, "abc1234");
  EXPECT_NE(baseline.description.find("(single_stream, batch size 1, 1 thread), runs 7, 6, 5 "
                                      "(3 runs, 6 samples)"),
            std::string::npos)
      << baseline.description;
  // Once the candidates are stored too (tinyperf run records before comparing) they are left out,
  // and still 3 runs are taken.
  const nlohmann::json second = make_submission(TestRun{.seq = 101, .optimized_ms = {9.0, 9.7}});
  store->record_run(candidate);
  store->record_run(second);
  const HistoryQuery both =
      history_query_for({candidate, second}, {"a.json", "b.json"}, "mlp_int8", 3);
  EXPECT_EQ(run_ids(history_baseline(*store, both)), (std::vector<std::int64_t>{7, 6, 5}));
  EXPECT_EQ(run_ids(history_baseline(*store, query)), (std::vector<std::int64_t>{13, 7, 6}));
  try {
    history_baseline(*store, history_query_for(candidate, "mlp_unknown"));
    ADD_FAILURE() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no stored run of model 'mlp_unknown' on processor "
                                         "'AMD EPYC 9R14' (single_stream, batch size 1, 1 thread)"),
              std::string::npos)
        << e.what();
  }
}

// `processes` writers record `runs_each` runs each, all at once; every run must be there, whole.
inline void concurrent_writers(const Factory& open, int processes, int runs_each) {
  open({});  // the schema exists before; first openings racing are tested separately
  testing::run_in_processes(processes, [&](int p) {
    auto store = open({});
    for (int r = 0; r < runs_each; ++r) store->record_run(make_submission({.seq = p * 1000 + r}));
  });
  const auto runs = open({})->list_runs();
  ASSERT_EQ(runs.size(), static_cast<std::size_t>(processes * runs_each));
  std::set<std::string> timestamps;
  for (const RunRow& run : runs) {
    EXPECT_EQ(run.models.size(), 2u) << "run " << run.id;
    timestamps.insert(run.timestamp);
  }
  EXPECT_EQ(timestamps.size(), runs.size());
}

// Several processes open a store that does not exist yet at the same moment: the schema is
// created once and every process can write.
inline void concurrent_first_openings(const Factory& open, int processes) {
  testing::run_in_processes(processes,
                            [&](int p) { open({})->record_run(make_submission({.seq = p})); });
  auto store = open({});
  EXPECT_EQ(store->schema_version(), kSchemaVersion);
  EXPECT_EQ(store->list_runs().size(), static_cast<std::size_t>(processes));
}

// A writer SIGKILLed inside its transaction (every row written, COMMIT not reached) leaves no
// trace; meanwhile readers see the committed runs, and afterwards anyone can write.
inline void killed_writer_leaves_no_half_row(const Factory& open) {
  open({})->record_run(make_submission(TestRun{.seq = 1}));
  const nlohmann::json doomed = make_submission(TestRun{.seq = 2});
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  std::fflush(nullptr);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(ready[0]);
    try {
      open({.before_commit = [&] {
        (void)!write(ready[1], "x", 1);
        pause();  // until killed
      }})->record_run(doomed);
    } catch (...) {
    }
    _exit(3);
  }
  close(ready[1]);
  char byte = 0;
  ASSERT_EQ(read(ready[0], &byte, 1), 1) << "the child died before reaching COMMIT";
  close(ready[0]);
  EXPECT_EQ(open({})->list_runs().size(), 1u);  // a reader while the writer holds its transaction
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  auto store = open({});
  const auto runs = store->list_runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].models.size(), 2u);
  EXPECT_TRUE(store->record_run(doomed).inserted);  // nothing of it was kept
  EXPECT_EQ(store->list_runs().size(), 2u);
}

}  // namespace tinyperf::store::contract

// The contract's single-process checks as tests of `Fixture`: a ::testing::Test whose factory()
// opens its own empty store and whose method `expect_whole` checks, the backend's own way, that a
// write that failed left the store whole. Each backend's test program uses this once.
#define TINYPERF_STORE_CONTRACT_TESTS(Fixture, expect_whole)                    \
  TEST_F(Fixture, RoundTripKeepsSubmissionAndIndexedFields) {                   \
    ::tinyperf::store::contract::round_trip(factory());                         \
  }                                                                             \
  TEST_F(Fixture, ReopeningKeepsRunsAndCommitOverride) {                        \
    ::tinyperf::store::contract::commit_override_and_reopen(factory());         \
  }                                                                             \
  TEST_F(Fixture, SameSubmissionIsStoredOnce) {                                 \
    ::tinyperf::store::contract::same_submission_stored_once(factory());        \
  }                                                                             \
  TEST_F(Fixture, ListsNewestFirstAndFilters) {                                 \
    ::tinyperf::store::contract::filters_and_newest_first(factory());           \
  }                                                                             \
  TEST_F(Fixture, FailureBeforeCommitStoresNothing) {                           \
    ::tinyperf::store::contract::failed_record_leaves_nothing(factory());       \
    expect_whole();                                                             \
  }                                                                             \
  TEST_F(Fixture, RefusesSubmissionsItCannotIndex) {                            \
    ::tinyperf::store::contract::bad_submission_refused(factory());             \
  }                                                                             \
  TEST_F(Fixture, HistoryBaselineTakesLatestMatchingRuns) {                     \
    ::tinyperf::store::contract::history_takes_latest_matching_runs(factory()); \
  }
