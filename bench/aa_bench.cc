// A/A test of the harness on the real engine: the same model on both sides, measured in shuffled
// interleaved rounds and compared (stats::compare, paired rounds), REPEATS times. A harness that is
// fair by construction gives no_change or inconclusive; faster/slower may appear at most at the
// rate alpha (docs/methodology.md). bench/aa_check.sh trains the model, runs this and checks the
// count. Environment: TINYPERF_AA_MODEL (a model file; required), TINYPERF_AA_DATA (default
// "fashion-mnist"), TINYPERF_AA_REPEATS (20), TINYPERF_AA_ROUNDS (2000), TINYPERF_AA_SESSIONS
// (1: both sides run the same engine session, a pure A/A; 2: one session each, so each side has
// its own packed copy of the weights), TINYPERF_AA_SWAP (1: with two sessions, side A runs the
// second session and B the first, to tell a bias of the harness from one of the copies),
// TINYPERF_AA_WARM (untimed calls per variant before its timed call in each round; default 1, the
// harness's default; 0 times each call right after the other variant's, cache refill included).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tinyperf/adapters/engine_model.h"
#include "tinyperf/data/dataset.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/engine/session.h"
#include "tinyperf/measure/interleave.h"
#include "tinyperf/measure/model.h"
#include "tinyperf/stats/compare.h"

namespace {

using namespace tinyperf;

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

void BM_AA_EngineInterleaved(benchmark::State& state) {
  const std::string path = env_or("TINYPERF_AA_MODEL", "");
  if (path.empty()) {
    state.SkipWithError("set TINYPERF_AA_MODEL to a model file (bench/aa_check.sh does)");
    return;
  }
  const auto repeats = std::stoul(env_or("TINYPERF_AA_REPEATS", "20"));
  const auto rounds = std::stoul(env_or("TINYPERF_AA_ROUNDS", "2000"));
  const bool two_sessions = env_or("TINYPERF_AA_SESSIONS", "1") == "2";
  const engine::Model model = engine::load_model(path);
  const data::DatasetSplits data = data::load_dataset(env_or("TINYPERF_AA_DATA", "fashion-mnist"));
  const measure::FeatureRows row{std::span(data.test.features).first(data.test.num_features), 1,
                                 data.test.num_features};
  engine::Session session_a(model), session_b(model);  // prepared for one row by EngineModel
  const auto warm = std::stoul(env_or("TINYPERF_AA_WARM", "1"));
  const bool swap = two_sessions && env_or("TINYPERF_AA_SWAP", "0") == "1";
  engine::Session& first = swap ? session_b : session_a;
  engine::Session& second = two_sessions ? (swap ? session_a : session_b) : session_a;
  adapters::EngineModel a("a", model, first), b("a", model, second);

  std::size_t counts[4] = {};  // faster, slower, no_change, inconclusive
  double median_a_ns = 0.0;
  for (auto _ : state) {
    for (std::size_t rep = 0; rep < repeats; ++rep) {
      measure::InterleaveSettings s;
      s.rounds = rounds;
      s.max_rounds = rounds;
      s.seed = 1000 + rep;
      s.warm_calls_per_round = warm;
      const std::vector<std::function<void()>> variants = {measure::predict_call(a, row),
                                                           measure::predict_call(b, row)};
      const auto m = measure::measure_interleaved(variants, s);
      stats::CompareOptions options;
      options.paired = true;
      const stats::Comparison c = stats::compare(m.samples_ns[0], m.samples_ns[1], options);
      ++counts[static_cast<int>(c.verdict)];
      median_a_ns = stats::median(m.samples_ns[0]);
      std::fprintf(stderr,
                   "rep %2zu: median A %.0f ns, B %.0f ns, speedup %.4f [%.4f, %.4f], p %.3f, "
                   "verdict %s, calls/sample %zu\n",
                   rep + 1, median_a_ns, stats::median(m.samples_ns[1]), c.speedup,
                   c.speedup_ci95.lo, c.speedup_ci95.hi, c.p_value,
                   std::string(stats::to_string(c.verdict)).c_str(), m.calls_per_round);
    }
  }
  state.counters["repeats"] = static_cast<double>(repeats);
  state.counters["rounds"] = static_cast<double>(rounds);
  state.counters["faster"] = static_cast<double>(counts[0]);
  state.counters["slower"] = static_cast<double>(counts[1]);
  state.counters["no_change"] = static_cast<double>(counts[2]);
  state.counters["inconclusive"] = static_cast<double>(counts[3]);
  state.counters["latency_ns"] = median_a_ns;
  state.counters["sessions"] = two_sessions ? 2.0 : 1.0;
  state.counters["warm_calls_per_round"] = static_cast<double>(warm);
}
BENCHMARK(BM_AA_EngineInterleaved)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
