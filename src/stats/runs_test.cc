// compare_runs, the run-level test of `compare --against-history`, on literal cases and on
// simulated histories with run-to-run variation (A/A false alarms, power, and why pooling every
// sample of every run fails); compare_run_samples, the same from each run's samples.
#include "tinyperf/stats/runs.h"

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/stats/hypothesis.h"
#include "tinyperf/stats/summary.h"

namespace tinyperf::stats {
namespace {

// 2 ms times exp(offset) for each offset: run medians whose logarithms are ln 2 + offset.
std::vector<double> medians(const std::vector<double>& log_offsets) {
  std::vector<double> result;
  for (const double offset : log_offsets) result.push_back(2.0 * std::exp(offset));
  return result;
}

// Baseline log offsets {0, 0.02, -0.02, 0.01, -0.01}: mean 0, sum of squares 0.001.
const std::vector<double> kHistory = medians({0.0, 0.02, -0.02, 0.01, -0.01});

TEST(CompareRuns, OneCandidateRunIsJudgedByThePredictionInterval) {
  // k = 5, j = 1: df 4, s^2 = 0.001 / 4, se = sqrt(s^2 (1 + 1/5)) = sqrt(0.0003). A candidate
  // 2 se slower gives t = -2; two-sided p of t = 2 with 4 df = 1 - t (t^2 + 6) / (t^2 + 4)^1.5
  // (the closed-form t CDF for 4 degrees of freedom) = 1 - 20 / 8^1.5.
  const double se = std::sqrt(0.0003);
  const RunComparison r = compare_runs(kHistory, medians({2.0 * se}));
  EXPECT_EQ(r.degrees_of_freedom, 4);
  EXPECT_NEAR(r.t_statistic, -2.0, 1e-9);
  EXPECT_NEAR(r.p_value, 1.0 - 20.0 / std::pow(8.0, 1.5), 1e-9);
  EXPECT_NEAR(r.speedup, std::exp(-2.0 * se), 1e-12);
  const double q = 2.7764451051977987;  // t(0.975, 4), statistical tables
  EXPECT_NEAR(r.speedup_ci95.lo, std::exp(-2.0 * se - q * se), 1e-9);
  EXPECT_NEAR(r.speedup_ci95.hi, std::exp(-2.0 * se + q * se), 1e-9);
  EXPECT_NEAR(r.detectable_change, std::exp(q * se) - 1.0, 1e-9);
  EXPECT_NEAR(r.run_to_run_cv, std::sqrt(std::exp(0.00025) - 1.0), 1e-12);
  EXPECT_EQ(r.verdict, Verdict::kInconclusive);  // p 0.116, and the interval holds 1
}

TEST(CompareRuns, SeveralCandidateRunsPoolTheirSpread) {
  // Candidate log offsets {0.11, 0.09}: d = -0.1, SS = 0.001 + 0.0002, df 5, s^2 = 0.00024,
  // se = sqrt(0.00024 (1/5 + 1/2)); t = -7.71517; p = 5.84007e-4 (numerical integration of the
  // t density with 5 df, Simpson's rule on 200,000 intervals).
  const double se = std::sqrt(0.00024 * 0.7);
  const RunComparison r = compare_runs(kHistory, medians({0.11, 0.09}));
  EXPECT_EQ(r.degrees_of_freedom, 5);
  EXPECT_NEAR(r.t_statistic, -0.1 / se, 1e-9);
  EXPECT_NEAR(r.p_value, 5.840065551e-4, 1e-9);
  EXPECT_NEAR(r.speedup, std::exp(-0.1), 1e-12);
  const double q = 2.5705818366147395;  // t(0.975, 5), statistical tables
  EXPECT_NEAR(r.speedup_ci95.lo, std::exp(-0.1 - q * se), 1e-9);
  EXPECT_NEAR(r.speedup_ci95.hi, std::exp(-0.1 + q * se), 1e-9);
  EXPECT_EQ(r.verdict, Verdict::kSlower);
  EXPECT_EQ(compare_runs(medians({0.11, 0.09}), kHistory).verdict, Verdict::kFaster);
}

TEST(CompareRuns, RunsWithoutSpreadAreDecidedByTheNoiseBand) {
  const std::vector<double> same = {2.0, 2.0, 2.0};
  RunComparison r = compare_runs(same, std::vector<double>{2.0});
  EXPECT_EQ(r.p_value, 1.0);
  EXPECT_EQ(r.speedup, 1.0);
  EXPECT_EQ(r.verdict, Verdict::kNoChange);
  r = compare_runs(same, std::vector<double>{2.5});
  EXPECT_EQ(r.p_value, 0.0);
  EXPECT_TRUE(std::isinf(r.t_statistic) && r.t_statistic < 0);
  EXPECT_NEAR(r.speedup_ci95.hi, 0.8, 1e-12);
  EXPECT_EQ(r.verdict, Verdict::kSlower);
  EXPECT_EQ(compare_runs(same, std::vector<double>{2.01}, 0.05, 0.01).verdict, Verdict::kNoChange);
}

std::string error_of(std::vector<double> a, std::vector<double> b, double alpha = 0.05) {
  try {
    compare_runs(a, b, alpha);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no InputError";
}

TEST(CompareRuns, RefusesTooFewRunsAndBadMedians) {
  EXPECT_EQ(error_of({2.0}, {2.1}),
            "1 baseline run and 1 candidate run: at least 3 runs in all are needed to estimate how "
            "much runs differ from each other (record more runs, or compare several candidate "
            "runs)");
  EXPECT_EQ(error_of({2.0, 2.1}, {}), "run comparison: no candidate run");
  EXPECT_EQ(error_of({2.0, 0.0}, {2.1}),
            "run comparison: baseline run 2 has median 0, not a finite number > 0");
  EXPECT_NE(error_of({2.0, 2.1}, {NAN}).find("candidate run 1 has median nan"), std::string::npos);
  EXPECT_NE(error_of({2.0, 2.1}, {2.2}, 1.5), "no InputError");  // alpha, checked by decide
  EXPECT_NO_THROW(compare_runs(std::vector<double>{2.0}, std::vector<double>{2.1, 2.2}));
}

using Runs = std::vector<std::vector<double>>;

// Stored runs at levels 0.99, 1.01, 0.98, 1.02, 1.00 (newest first), each run's samples
// {0.9, 1, 1.3} times its level: the run medians are the levels.
Runs stored_runs(std::size_t count) {
  const double levels[] = {0.99, 1.01, 0.98, 1.02, 1.00};
  Runs runs;
  for (std::size_t i = 0; i < count; ++i)
    runs.push_back({0.9 * levels[i], levels[i], 1.3 * levels[i]});
  return runs;
}

TEST(CompareRunSamples, ComparesTheRunMedians) {
  const Runs candidate = {{1.2, 1.5, 1.6}};
  const RunSamplesComparison r = compare_run_samples(stored_runs(5), candidate);
  EXPECT_EQ(r.baseline_medians, (std::vector<double>{0.99, 1.01, 0.98, 1.02, 1.00}));
  EXPECT_EQ(r.candidate_medians, (std::vector<double>{1.5}));
  EXPECT_EQ(r.comparison.degrees_of_freedom, 4);
  EXPECT_EQ(r.comparison.verdict, Verdict::kSlower);
  const RunComparison direct = compare_runs(r.baseline_medians, r.candidate_medians);
  EXPECT_EQ(r.comparison.p_value, direct.p_value);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
}

TEST(CompareRunSamples, WarnsOfFewBaselineRunsAndRunsOfAnotherLength) {
  // Fewer than half, or more than twice, the baseline runs' samples.
  const Runs candidates = {{1.5}, std::vector<double>(7, 1.5)};
  const RunCompareOptions named{.baseline_name = "stored", .candidate_names = {"s.json", "l.json"}};
  EXPECT_EQ(compare_run_samples(stored_runs(4), candidates, named).warnings,
            (std::vector<std::string>{
                "only 4 stored runs: the interval is wide; 5 or more give a sharper gate",
                "s.json has 1 samples, the stored runs 3 to 3: runs of different lengths can "
                "differ systematically (warmup, thermal state)",
                "l.json has 7 samples, the stored runs 3 to 3: runs of different lengths can "
                "differ systematically (warmup, thermal state)"}));
  const auto unnamed = compare_run_samples(stored_runs(1), candidates).warnings;
  ASSERT_EQ(unnamed.size(), 3u);
  EXPECT_EQ(unnamed[0], "only 1 baseline run: the interval is wide; 5 or more give a sharper gate");
  EXPECT_EQ(unnamed[1].rfind("candidate run 1 has 1 samples, the baseline runs 3 to 3", 0), 0u)
      << unnamed[1];
  EXPECT_EQ(unnamed[2].rfind("candidate run 2 has 7 samples, the baseline runs 3 to 3", 0), 0u)
      << unnamed[2];
}

TEST(CompareRunSamples, RefusesTooFewRunsEmptyRunsAndMismatchedNames) {
  const Runs one = {{1.0, 1.1}};
  try {
    compare_run_samples(one, one, {.baseline_name = "stored"});
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("1 stored run and 1 candidate run: at least 3 runs", 0),
              0u)
        << e.what();
  }
  EXPECT_THROW(compare_run_samples(stored_runs(3), Runs{{}}), InputError);
  EXPECT_THROW(compare_run_samples(stored_runs(3), one, {.candidate_names = {"a", "b"}}),
               InputError);
}

// A simulated history: every run has its own level (log-normal around `level_ms`, sd
// `run_sd` in log units: what differs between processes) and `samples` raw latencies around it
// (log-normal, sd 0.1: the noise within a run).
class Simulator {
 public:
  explicit Simulator(double run_sd) : run_sd_(run_sd) {}
  std::vector<double> run(double level_ms, std::size_t samples) {
    const double run_level = std::log(level_ms) + run_sd_ * normal_(rng_);
    std::vector<double> values(samples);
    for (double& v : values) v = std::exp(run_level + 0.1 * normal_(rng_));
    return values;
  }

 private:
  double run_sd_;
  std::mt19937_64 rng_{20261122};
  std::normal_distribution<double> normal_{0.0, 1.0};
};

// Fractions of the trials.
struct Rates {
  double called = 0.0;              // run-level verdict faster or slower (noise band 1 %)
  double slower = 0.0;              // run-level verdict slower (noise band 1 %)
  double significant = 0.0;         // run-level p < 0.05
  double pooled_significant = 0.0;  // Mann-Whitney p < 0.05 on every sample, pooled
};

bool called(Verdict v) { return v == Verdict::kFaster || v == Verdict::kSlower; }

// `trials` comparisons of one candidate run (level 1 ms * factor) with 10 stored runs (1 ms),
// 100 samples per run.
Rates simulate(double factor, int trials) {
  Simulator sim(0.03);  // 3 % between runs: a quiet machine
  Rates rates;
  for (int t = 0; t < trials; ++t) {
    std::vector<double> history_medians, pooled;
    for (int r = 0; r < 10; ++r) {
      const auto samples = sim.run(1.0, 100);
      history_medians.push_back(median(samples));
      pooled.insert(pooled.end(), samples.begin(), samples.end());
    }
    const auto candidate = sim.run(factor, 100);
    const RunComparison c = compare_runs(history_medians, std::vector{median(candidate)});
    rates.called += called(c.verdict);
    rates.slower += c.verdict == Verdict::kSlower;
    rates.significant += c.p_value < 0.05;
    rates.pooled_significant += mann_whitney_u(pooled, candidate).p_value < 0.05;
  }
  for (double* rate :
       {&rates.called, &rates.slower, &rates.significant, &rates.pooled_significant}) {
    *rate /= trials;
  }
  return rates;
}

TEST(CompareRuns, AaComparisonsRaiseFalseAlarmsAtMostAtAlpha) {
  // The same program on both sides: a verdict may appear at most at the rate alpha, 0.05, and
  // the p-value alone is calibrated: p < 0.05 in 5 % of the trials (the bounds leave 2.9 binomial
  // standard deviations for 1,000 trials). Treating every sample of the 10 runs as independent
  // instead calls the run-to-run spread significant most of the time.
  const Rates rates = simulate(1.0, 1000);
  std::printf(
      "A/A, 1000 trials: verdict faster/slower %.1f %%, run-level p < 0.05 %.1f %%, "
      "pooled-sample Mann-Whitney p < 0.05 %.1f %%\n",
      100 * rates.called, 100 * rates.significant, 100 * rates.pooled_significant);
  EXPECT_LE(rates.called, 0.07);
  EXPECT_GE(rates.significant, 0.03);
  EXPECT_LE(rates.significant, 0.07);
  EXPECT_GT(rates.pooled_significant, 0.4);
}

TEST(CompareRuns, DetectsARegressionWellBeyondTheRunToRunSpread) {
  // 20 % slower against 3 % run-to-run spread (3.3 % with the noise of a 100-sample median):
  // detectable_change is about 8 % (t(0.975, 9) 2.26 * 0.033 * sqrt(1.1)), so almost every trial
  // must call it, and in the right direction.
  const Rates rates = simulate(1.2, 300);
  std::printf("20 %% slower, 300 trials: verdict slower %.1f %%\n", 100 * rates.slower);
  EXPECT_GE(rates.slower, 0.9);
  EXPECT_EQ(rates.called, rates.slower);
}

// Reference values computed from the formulas in runs.h with Python 3.11's math and
// statistics.NormalDist: within-run se 0.01 (interval exp(-+1.959964 * 0.01)), cv 5 % ->
// s = sqrt(ln 1.0025) = 0.0499688, se = sqrt(0.01^2 + 2 s^2) = 0.0713706.
TEST(CompareOneRunEach, WidensTheIntervalByTheSpreadOfTwoRuns) {
  const Interval within{0.98059118436679, 1.0197929738127751};
  const OneRunComparison aa = compare_one_run_each(1.0, within, 1.0, 0.05, 0);
  EXPECT_NEAR(aa.speedup_ci95.lo, 0.8694593, 1e-6);
  EXPECT_NEAR(aa.speedup_ci95.hi, 1.1501401, 1e-6);
  EXPECT_NEAR(aa.p_value, 1.0, 1e-12);
  EXPECT_EQ(aa.verdict, Verdict::kInconclusive);  // not no_change: +-15 % is outside the 1 % band

  const Interval within13{1.3 * within.lo, 1.3 * within.hi};
  const OneRunComparison big = compare_one_run_each(1.3, within13, 1e-6, 0.05, 0);
  EXPECT_NEAR(big.speedup_ci95.lo, 1.1302971, 1e-6);
  EXPECT_NEAR(big.speedup_ci95.hi, 1.4951822, 1e-6);
  EXPECT_NEAR(big.p_value, 0.000236842, 1e-8);
  EXPECT_EQ(big.verdict, Verdict::kFaster);
}

TEST(CompareOneRunEach, ATenPercentChangeIsNotCalledAgainstATenPercentSpread) {
  // Within the run the interval is +-2 %: faster. Two runs at cv 10 % spread by +-28 %.
  const OneRunComparison r = compare_one_run_each(1.1, {1.08, 1.12}, 1e-6, 0.10, 0);
  EXPECT_EQ(r.verdict, Verdict::kInconclusive);
  EXPECT_GT(r.p_value, 0.05);
  EXPECT_LT(r.speedup_ci95.lo, 1.0);
}

TEST(CompareOneRunEach, UsesStudentTWhenTheSpreadWasEstimated) {
  // t(0.975, 9) = 2.262157 (any t table): with se = s * sqrt(2) and no within-run width, a
  // speedup of exp(2.262157 * se) sits exactly at p = 0.05 and the interval's lower end at 1.
  const double cv = 0.04;
  const double s = std::sqrt(std::log(1.0 + cv * cv));
  const double speedup = std::exp(2.262157 * std::sqrt(2.0) * s);
  const OneRunComparison r = compare_one_run_each(speedup, {speedup, speedup}, 0.0, cv, 9);
  EXPECT_NEAR(r.p_value, 0.05, 1e-6);
  EXPECT_NEAR(r.speedup_ci95.lo, 1.0, 1e-6);
  // Known spread (normal): narrower, so the same speedup is significant.
  EXPECT_LT(compare_one_run_each(speedup, {speedup, speedup}, 0.0, cv, 0).p_value, 0.05);
}

TEST(CompareOneRunEach, ZeroSpreadKeepsTheWithinRunInterval) {
  const OneRunComparison r = compare_one_run_each(1.05, {1.04, 1.06}, 0.003, 0.0, 0);
  EXPECT_DOUBLE_EQ(r.speedup_ci95.lo, 1.04);
  EXPECT_DOUBLE_EQ(r.speedup_ci95.hi, 1.06);
  EXPECT_EQ(r.p_value, 0.003);  // the within-run test's, not one derived from the interval
  EXPECT_EQ(r.verdict, Verdict::kFaster);
}

TEST(CompareOneRunEach, RejectsBadInput) {
  EXPECT_THROW(compare_one_run_each(0.0, {1, 1}, 0.5, 0.05, 0), InputError);
  EXPECT_THROW(compare_one_run_each(1.0, {1.1, 0.9}, 0.5, 0.05, 0), InputError);
  EXPECT_THROW(compare_one_run_each(1.0, {0.0, 1.1}, 0.5, 0.05, 0), InputError);
  EXPECT_THROW(compare_one_run_each(1.0, {0.9, 1.1}, 0.5, -0.1, 0), InputError);
  EXPECT_THROW(compare_one_run_each(1.0, {0.9, 1.1}, 0.5, 0.05, -1), InputError);
  EXPECT_THROW(compare_one_run_each(1.0, {0.9, 1.1}, 1.5, 0.05, 0), InputError);
  EXPECT_THROW(compare_one_run_each(std::nan(""), {0.9, 1.1}, 0.5, 0.05, 0), InputError);
}

TEST(RunSpeedup, IsTheRatioOfTheGeometricMeansAsCompareRunsStatesIt) {
  // (2 * 8)^(1/2) / (1 * 4)^(1/2) = 4 / 2 = 2.
  const std::vector<double> a{2.0, 8.0}, b{1.0, 4.0};
  EXPECT_DOUBLE_EQ(run_speedup(a, b), 2.0);
  EXPECT_DOUBLE_EQ(run_speedup(a, b), compare_runs(a, b).speedup);
  EXPECT_THROW(run_speedup({}, b), InputError);
  EXPECT_THROW(run_speedup(a, std::vector<double>{0.0}), InputError);
}

TEST(BetweenRunCv, IsCompareRunsSpreadForOneSide) {
  // ln 1, ln e = 0, 1: sample variance (ddof 1) 0.5 -> sqrt(e^0.5 - 1) = 0.8054323501698501
  // (Python: math.sqrt(math.expm1(statistics.stdev([0, 1]) ** 2))).
  const std::vector<double> runs{1.0, std::exp(1.0)};
  EXPECT_NEAR(between_run_cv(runs), 0.8054323501698501, 1e-12);
  // Both sides the same spread: compare_runs pools them to the same figure.
  EXPECT_NEAR(compare_runs(runs, runs).run_to_run_cv, between_run_cv(runs), 1e-12);
  EXPECT_EQ(between_run_cv(std::vector<double>{3.0, 3.0, 3.0}), 0.0);
  EXPECT_THROW(between_run_cv(std::vector<double>{3.0}), InputError);
  EXPECT_THROW(between_run_cv(std::vector<double>{3.0, -1.0}), InputError);
}

}  // namespace
}  // namespace tinyperf::stats
