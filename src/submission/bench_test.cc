// The worker's reply (BenchRun) round-trips through JSON, and malformed, truncated, empty and
// hostile replies are refused with the JSON path of the first bad value.
#include "tinyperf/submission/bench.h"

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf::submission {
namespace {

BenchRun example_run() {
  BenchRun r;
  r.run = 2;
  r.position = 5;
  r.load_ms = 1.5;
  r.first_inference_ms = 0.25;
  r.accuracy = 0.875;
  r.test_rows = 1000;
  r.latency_ns = {7000, 7100, 6900};
  r.calls_per_sample = 4;
  r.warmup_calls = 300;
  r.warmup_settled = true;
  r.batch_ns = {1.0e6, 1.1e6};
  r.batch_rows = 256;
  r.base_rss_bytes = 10 << 20;
  r.peak_rss_bytes = 14 << 20;
  r.memory_scope = "phase";
  r.huge_pages = "yes";
  r.pid = 1234;
  r.worker_seconds = 0.2;
  return r;
}

std::string message_of(const nlohmann::json& doc) {
  try {
    parse_bench_run(doc, "worker reply");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(BenchRun, RoundTripsThroughJson) {
  const BenchRun r = example_run();
  const BenchRun back = parse_bench_run(to_json(r), "test");
  EXPECT_EQ(back.run, 2u);
  EXPECT_EQ(back.position, 5u);
  EXPECT_EQ(back.latency_ns, r.latency_ns);
  EXPECT_EQ(back.batch_ns, r.batch_ns);
  EXPECT_EQ(back.accuracy, r.accuracy);
  EXPECT_EQ(back.peak_rss_bytes, r.peak_rss_bytes);
  EXPECT_EQ(back.memory_scope, "phase");
  EXPECT_EQ(back.huge_pages, "yes");
  EXPECT_TRUE(back.warmup_settled);
  EXPECT_EQ(to_json(back), to_json(r));
}

TEST(BenchRun, AccuracyMayBeAbsent) {
  BenchRun r = example_run();
  r.accuracy.reset();
  EXPECT_FALSE(parse_bench_run(to_json(r), "test").accuracy.has_value());
}

TEST(BenchRun, RefusesMalformedReplies) {
  EXPECT_NE(message_of(nlohmann::json::array()).find("worker reply: $: expected an object"),
            std::string::npos);
  EXPECT_NE(message_of(nlohmann::json::object()).find("worker reply: $.run"), std::string::npos);

  nlohmann::json bad_sample = to_json(example_run());
  bad_sample["latency_ns"][1] = -1;
  EXPECT_NE(message_of(bad_sample).find("$.latency_ns[1]"), std::string::npos)
      << message_of(bad_sample);

  nlohmann::json empty_samples = to_json(example_run());
  empty_samples["batch_ns"] = nlohmann::json::array();
  EXPECT_NE(message_of(empty_samples).find("$.batch_ns: needs at least one sample"),
            std::string::npos);

  nlohmann::json truncated = to_json(example_run());
  truncated.erase("memory_scope");
  EXPECT_NE(message_of(truncated).find("$.memory_scope: required field is missing"),
            std::string::npos);

  nlohmann::json hostile = to_json(example_run());
  hostile["accuracy"] = "1; rm -rf /";
  EXPECT_NE(message_of(hostile).find("$.accuracy"), std::string::npos);
  hostile = to_json(example_run());
  hostile["accuracy"] = 1.5;  // not a fraction
  EXPECT_NE(message_of(hostile).find("$.accuracy"), std::string::npos);
  hostile = to_json(example_run());
  hostile["memory_scope"] = "everything";
  EXPECT_NE(message_of(hostile).find("$.memory_scope"), std::string::npos);
}

TEST(BenchDocument, JsonWithoutSamplesDropsOnlyTheSamples) {
  BenchDocument doc;
  doc.settings.runs = 1;
  BenchModel m;
  m.name = "mlp";
  m.file = "mlp.tpm";
  m.runs = {example_run()};
  doc.models = {m};
  const nlohmann::json with = to_json(doc, true);
  const nlohmann::json without = to_json(doc, false);
  EXPECT_EQ(with["format"], "tinyperf-bench/1");
  EXPECT_TRUE(with["models"][0]["runs"][0].contains("latency_ns"));
  EXPECT_FALSE(without["models"][0]["runs"][0].contains("latency_ns"));
  EXPECT_FALSE(without["models"][0]["runs"][0].contains("batch_ns"));
  EXPECT_EQ(without["models"][0]["runs"][0]["load_ms"], 1.5);
  EXPECT_TRUE(without["comparisons"].is_array());
}

}  // namespace
}  // namespace tinyperf::submission
