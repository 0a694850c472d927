// What the store reads from a submission, where the history lives by default, and which side's
// samples a history comparison uses.
#include "submission_index.h"

#include <gtest/gtest.h>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/core/sha256.h"
#include "tinyperf/store/history.h"

namespace tinyperf::store {
namespace {

using detail::index_submission;
using detail::time_key;
using testing::make_submission;
using testing::TestRun;

std::string index_error(const nlohmann::json& doc) {
  try {
    index_submission(doc, {});
  } catch (const InputError& e) {
    return e.what();
  }
  return "no InputError";
}

TEST(IndexSubmission, ReadsTheFullExampleSubmission) {
  // The project's complete v1 example, with a candidate that has no samples.
  const auto doc = read_json_file("../../schema/examples/valid/v1_full.json");
  const auto run = index_submission(doc, {});
  EXPECT_EQ(run.timestamp, "2026-11-22T10:00:00Z");
  EXPECT_EQ(run.processor, "AMD EPYC 9R14");
  EXPECT_EQ(run.git_commit, "unknown");
  EXPECT_EQ(run.speedup, 2.611111111111111);
  EXPECT_EQ(run.verdict, "faster");
  ASSERT_EQ(run.models.size(), 3u);
  EXPECT_EQ(run.models[1].model_name, "mlp_int8");
  EXPECT_EQ(run.models[1].precision, "int8");
  EXPECT_EQ(run.models[1].sample_count, 12);
  EXPECT_EQ(run.models[1].latency_ms_p99, 0.9379000000000001);
  EXPECT_EQ(run.models[2].role, "candidate");
  EXPECT_EQ(run.models[2].sample_count, 0);
  EXPECT_EQ(run.text, doc.dump());
  EXPECT_EQ(run.sha256, sha256_hex(doc.dump()));
}

TEST(IndexSubmission, NamesTheMissingOrWrongField) {
  auto doc = make_submission(TestRun{});
  doc["settings"]["batch_size"] = -1;
  EXPECT_EQ(index_error(doc), "submission: $.settings.batch_size: -1 must be > 0");
  doc = make_submission(TestRun{});
  doc["tool"].erase("git_commit");
  EXPECT_EQ(index_error(doc), "submission: $.tool.git_commit is missing (the history indexes it)");
  doc = make_submission(TestRun{});
  doc["timestamp"] = "yesterday";
  EXPECT_EQ(index_error(doc),
            "submission: timestamp \"yesterday\" is not an ISO 8601 UTC time like "
            "2026-11-22T10:00:00Z");
  doc = make_submission(TestRun{});
  doc["candidates"] = {{{"model_name", "x"}, {"metrics", {{"accuracy", true}}}}};
  EXPECT_EQ(index_error(doc),
            "submission: $.candidates[0].metrics.accuracy: expected a number, got boolean true");
  doc = make_submission(TestRun{});
  doc["schema_version"] = "2.0";
  EXPECT_EQ(index_error(doc),
            "submission: $.schema_version: \"2.0\" is not supported (this tinyperf reads \"1.0\")");
  EXPECT_EQ(index_error(read_json_file("../../schema/examples/valid/tinytorch_means.json")),
            "submission: a tinytorch capstone document: the history stores tinyperf v1 "
            "submissions only");
  EXPECT_EQ(index_error(nlohmann::json(3)), "submission: $: expected a submission object, got 3");
}

TEST(IndexSubmission, RefusesTextThatIsNotUtf8) {
  auto doc = make_submission(TestRun{});
  doc["baseline"]["model_name"] = std::string("mlp\xff");
  EXPECT_NE(index_error(doc).find("submission: cannot be stored"), std::string::npos);
}

TEST(TimeKey, SortsFractionsCorrectly) {
  EXPECT_EQ(time_key("2026-11-22T10:00:00Z"), "2026-11-22T10:00:00.000000000Z");
  EXPECT_EQ(time_key("2026-11-22T10:00:00.5Z"), "2026-11-22T10:00:00.500000000Z");
  EXPECT_LT(time_key("2026-11-22T10:00:00.5Z"), time_key("2026-11-22T10:00:01Z"));
  EXPECT_EQ(time_key("2026-11-22T10:00:00.1234567891Z"), "2026-11-22T10:00:00.123456789Z");
  for (const char* bad :
       {"", "2026-11-22 10:00:00Z", "2026-11-22T10:00:00", "2026-11-22T10:00:00.Z",
        "2026-11-22T10:00:00+01:00", "2026-11-22T10:00:0xZ"}) {
    EXPECT_EQ(time_key(bad), "") << bad;
  }
}

// The default location for $TINYPERF_DB, $XDG_DATA_HOME and $HOME ("" = unset).
std::string location_for(const std::string& db, const std::string& xdg, const std::string& home) {
  return default_store_location(
      RootedEnv("/", {{"TINYPERF_DB", db}, {"XDG_DATA_HOME", xdg}, {"HOME", home}}));
}

TEST(DefaultStoreLocation, FollowsTinyperfDbThenXdgThenHome) {
  EXPECT_EQ(location_for("/x/h.db", "/data", "/home/u"), "/x/h.db");
  EXPECT_EQ(location_for("", "/data", "/home/u"), "/data/tinyperf/history.db");
  EXPECT_EQ(location_for("", "relative", "/home/u"),
            "/home/u/.local/share/tinyperf/history.db");  // XDG ignores relative paths
  EXPECT_EQ(location_for("", "", "/home/u"), "/home/u/.local/share/tinyperf/history.db");
  EXPECT_THROW(location_for("", "", ""), InputError);
}

TEST(RedactLocation, HidesPasswordsOnly) {
  EXPECT_EQ(redact_location("postgresql://ann:s3cret@db.example:5432/perf"),
            "postgresql://ann:***@db.example:5432/perf");
  EXPECT_EQ(redact_location("postgres://ann:p@ss@host/db"), "postgres://ann:***@host/db");
  EXPECT_EQ(redact_location("postgresql://host/db?user=ann&password=s3cret&sslmode=require"),
            "postgresql://host/db?user=ann&password=***&sslmode=require");
  EXPECT_EQ(redact_location("postgresql://ann@host:5432/db"), "postgresql://ann@host:5432/db");
  EXPECT_EQ(redact_location("/home/ann/history.db"), "/home/ann/history.db");
  EXPECT_TRUE(is_postgres_url("postgres://h/d"));
  EXPECT_FALSE(is_postgres_url("postgresql.db"));
}

TEST(ModelLatencySamples, TakesTheSideNamedAfterTheModel) {
  const auto doc = make_submission({.optimized_ms = {0.5, 0.6}});
  EXPECT_EQ(model_latency_samples(doc, "mlp_int8", "s.json"), (std::vector<double>{0.5, 0.6}));
  EXPECT_EQ(model_latency_samples(doc, "mlp_fp32", "s.json"),
            (std::vector<double>{2.0, 2.1, 2.2, 2.3}));
  try {
    model_latency_samples(doc, "resnet", "s.json");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "s.json: no side measured model 'resnet' with latency samples (models: mlp_fp32, "
              "mlp_int8)");
  }
}

TEST(ModelLatencySamples, RefusesSamplesThatAreNotPositiveTimes) {
  auto doc = make_submission({.optimized_ms = {0.5, 0.6}});
  doc["optimized"]["samples"]["latency_ms"][1] = 0.0;
  try {
    model_latency_samples(doc, "mlp_int8", "s.json");
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "s.json: $.optimized.samples.latency_ms[1]: 0 must be > 0");
  }
}

TEST(HistoryQueryFor, MatchesTheCandidatesMachineAndSettings) {
  const auto doc =
      make_submission({.processor = "Xeon", .scenario = "offline", .batch_size = 8, .threads = 2});
  const HistoryQuery q = history_query_for(doc, "mlp_int8");
  EXPECT_EQ(q.model, "mlp_int8");
  EXPECT_EQ(q.processor, "Xeon");
  EXPECT_EQ(q.scenario, "offline");
  EXPECT_EQ(q.batch_size, 8);
  EXPECT_EQ(q.threads, 2);
  EXPECT_EQ(q.exclude_submission_sha256, std::vector<std::string>{sha256_hex(doc.dump())});
  EXPECT_EQ(q.max_runs, kDefaultHistoryRuns);
  EXPECT_THROW(history_query_for(doc, "mlp_int8", 0), InputError);
}

std::string query_error(const std::vector<nlohmann::json>& docs) {
  try {
    history_query_for(docs, {"a.json", "b.json"}, "mlp_int8");
  } catch (const InputError& e) {
    return e.what();
  }
  return "no InputError";
}

TEST(HistoryQueryFor, SeveralCandidatesMustShareTheSettings) {
  const auto a = make_submission({.seq = 1});
  const auto b = make_submission({.seq = 2});
  const HistoryQuery q = history_query_for({a, b}, {"a.json", "b.json"}, "mlp_int8");
  EXPECT_EQ(q.exclude_submission_sha256,
            (std::vector<std::string>{sha256_hex(a.dump()), sha256_hex(b.dump())}));
  EXPECT_EQ(query_error({a, make_submission({.seq = 2, .threads = 4})}),
            "b.json: measured with processor 'AMD EPYC 9R14', single_stream, batch size 1, 4 "
            "threads, but a.json with processor 'AMD EPYC 9R14', single_stream, batch size 1, 1 "
            "thread: candidates compared with one history must share the processor, scenario, "
            "batch size and threads");
  EXPECT_NE(query_error({a, make_submission({.processor = "Xeon"})}).find("processor 'Xeon'"),
            std::string::npos);
  auto broken = make_submission({});
  broken["settings"].erase("scenario");
  EXPECT_EQ(query_error({a, broken}),
            "b.json: submission: $.settings.scenario is missing (the history indexes it)");
  EXPECT_THROW(history_query_for({a}, {"a.json", "b.json"}, "mlp_int8"), InputError);
  EXPECT_THROW(history_query_for({}, {}, "mlp_int8"), InputError);
}

}  // namespace
}  // namespace tinyperf::store
