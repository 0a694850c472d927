#include "baseline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "tinyperf/core/error.h"
#include "tinyperf/engine/model_file.h"
#include "tinyperf/optimize/quantize.h"

namespace tinyperf::workflow {
namespace {

using testing::RecordingObserver;
using testing::TempDir;

// A small synthetic task (600 training rows), so that training takes a fraction of a second.
RunData small_data(std::uint64_t seed = 7) {
  data::SyntheticOptions o;
  o.train_size = 600;
  o.test_size = 200;
  o.num_features = 32;
  o.num_classes = 4;
  o.seed = seed;
  return {"synthetic", "synthetic", "data", data::make_synthetic(o)};
}

TrainRecipe small_recipe() {
  TrainRecipe r;
  r.hidden = {16, 8};
  r.epochs = 2;
  r.batch_size = 64;
  return r;
}

TEST(DefaultDataSpec, IsFashionMnistOnlyWhenItsFilesAreInstalled) {
  TempDir dir;
  EXPECT_EQ(default_data_spec(dir.path().string()), "synthetic");
  EXPECT_EQ(default_data_spec(dir / "missing"), "synthetic");
  std::ofstream(dir / "t10k-labels-idx1-ubyte.gz") << "x";
  EXPECT_EQ(default_data_spec(dir.path().string()), "fashion-mnist");
}

TEST(LoadRunData, SaysWhyTheDefaultWasChosen) {
  TempDir empty;
  const RunData d = load_run_data("", 42, empty.path().string());
  EXPECT_EQ(d.spec, "synthetic");
  EXPECT_EQ(d.name, "synthetic");
  EXPECT_NE(d.choice.find("not installed"), std::string::npos) << d.choice;
  EXPECT_EQ(d.splits.test.num_features, 784u);
}

TEST(LoadRunData, RejectsAnUnknownSpecNamingTheField) {
  try {
    load_run_data("no-such-data-set", 42);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "data");
    EXPECT_NE(std::string(e.what()).find("data no-such-data-set: "), std::string::npos) << e.what();
  }
}

TEST(CheckInputs, NamesTheFieldOfAMissingDataSetOrModelBeforeAnyWork) {
  TempDir dir;
  EXPECT_NO_THROW(check_inputs("", "", dir.path().string()));
  EXPECT_NO_THROW(check_inputs("synthetic", "", dir.path().string()));
  const auto message = [&](const std::string& data, const std::string& model) -> std::string {
    try {
      check_inputs(data, model, dir.path().string());
    } catch (const Error& e) {
      return e.field() + ": " + e.what();
    }
    return "";
  };
  EXPECT_NE(message("fashion-mnist", "").find("data: data fashion-mnist: not installed"),
            std::string::npos);
  EXPECT_EQ(message(dir / "nothing.csv", "").rfind("data: data ", 0), 0u);
  EXPECT_EQ(message("synthetic", dir / "none.safetensors").rfind("model_path: model_path ", 0), 0u);
  EXPECT_NE(message("synthetic", dir.path().string()).find("is a directory"), std::string::npos);
  std::ofstream(dir / "m.safetensors") << "x";
  EXPECT_NO_THROW(check_inputs("synthetic", dir / "m.safetensors", dir.path().string()));
}

// The default cache for $TINYPERF_CACHE_DIR, $XDG_CACHE_HOME and $HOME ("" = unset).
std::string cache_for(const std::string& dir, const std::string& xdg, const std::string& home) {
  return default_cache_dir(
      RootedEnv("/", {{"TINYPERF_CACHE_DIR", dir}, {"XDG_CACHE_HOME", xdg}, {"HOME", home}}));
}

TEST(DefaultCacheDir, FollowsTheXdgOrder) {
  EXPECT_EQ(cache_for("/c", "/x", "/h"), "/c");
  EXPECT_EQ(cache_for("", "/x", "/h"), "/x/tinyperf/models");
  EXPECT_EQ(cache_for("", "relative", "/h"), "/h/.cache/tinyperf/models");
  EXPECT_THROW(cache_for("", "", ""), InputError);
}

TEST(BaselineCacheKey, ChangesWithEveryInputOfTraining) {
  const RunData d = small_data();
  const TrainRecipe r = small_recipe();
  const std::string key = baseline_cache_key(d.splits.train, r);
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key, baseline_cache_key(d.splits.train, r));
  for (auto change : std::vector<std::function<void(TrainRecipe&)>>{
           [](TrainRecipe& x) { x.seed = 43; }, [](TrainRecipe& x) { x.epochs = 3; },
           [](TrainRecipe& x) { x.threads = 2; }, [](TrainRecipe& x) { x.hidden = {16}; },
           [](TrainRecipe& x) { x.learning_rate = 2e-3; },
           [](TrainRecipe& x) { x.batch_size = 32; }}) {
    TrainRecipe other = r;
    change(other);
    EXPECT_NE(baseline_cache_key(d.splits.train, other), key);
  }
  EXPECT_NE(baseline_cache_key(small_data(8).splits.train, r), key);  // other data, other sha256
}

TEST(ObtainBaseline, TrainsOnceThenReusesTheCachedModel) {
  TempDir cache;
  const RunData d = small_data();
  RecordingObserver obs;
  PhaseTracker tracker(obs, nullptr, 1);
  const Baseline first = obtain_baseline("", cache.path().string(), d, small_recipe(), tracker);
  EXPECT_EQ(first.source, "trained");
  EXPECT_TRUE(std::filesystem::exists(first.path));
  EXPECT_EQ(testing::files_under(cache.path()).size(), 1u);  // no temp file left beside it
  const Baseline second = obtain_baseline("", cache.path().string(), d, small_recipe(), tracker);
  EXPECT_EQ(second.source, "cache");
  EXPECT_EQ(second.path, first.path);
  EXPECT_EQ(engine::serialize_model(second.model), engine::serialize_model(first.model));
  EXPECT_EQ(obs.phases,
            (std::vector<std::string>{"train the baseline", "load the cached baseline"}));
}

TEST(ObtainBaseline, ReplacesAnUnreadableCacheEntryAndSaysSo) {
  TempDir cache;
  const RunData d = small_data();
  RecordingObserver obs;
  PhaseTracker tracker(obs, nullptr, 1);
  const std::string path =
      (cache.path() / (baseline_cache_key(d.splits.train, small_recipe()) + ".safetensors"))
          .string();
  std::ofstream(path) << "not a model";
  const Baseline b = obtain_baseline("", cache.path().string(), d, small_recipe(), tracker);
  EXPECT_EQ(b.source, "trained");
  ASSERT_EQ(obs.messages.size(), 1u);
  EXPECT_NE(obs.messages[0].find("cached baseline unusable"), std::string::npos);
  EXPECT_NO_THROW(engine::load_model(path));
}

TEST(ObtainBaseline, StopsTrainingWhenAskedAndCachesNothing) {
  TempDir cache;
  std::atomic<bool> stop{false};
  RecordingObserver obs;
  obs.on_advance = [&](std::uint64_t done) { stop = done >= 3; };
  PhaseTracker tracker(obs, &stop, 1);
  EXPECT_THROW(obtain_baseline("", cache.path().string(), small_data(), small_recipe(), tracker),
               Interrupted);
  EXPECT_TRUE(testing::files_under(cache.path()).empty());
}

TEST(ObtainBaseline, UsesAModelFileThatFitsTheData) {
  TempDir dir;
  const RunData d = small_data();
  engine::save_model(engine::make_mlp(32, {8}, 4, 1), dir / "m.safetensors");
  RecordingObserver obs;
  PhaseTracker tracker(obs, nullptr, 1);
  const Baseline b = obtain_baseline(dir / "m.safetensors", "", d, small_recipe(), tracker);
  EXPECT_EQ(b.source, "file");
  EXPECT_EQ(b.model.input_features(), 32u);
}

void expect_model_error(const std::string& path, const RunData& d, const std::string& text) {
  RecordingObserver obs;
  PhaseTracker tracker(obs, nullptr, 1);
  try {
    obtain_baseline(path, "", d, small_recipe(), tracker);
    FAIL() << "expected InputError for " << path;
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "model_path");
    EXPECT_EQ(std::string(e.what()).rfind("model_path " + path + ": ", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

TEST(ObtainBaseline, RejectsModelFilesThatDoNotFitOrAreNotFp32) {
  TempDir dir;
  const RunData d = small_data();
  engine::save_model(engine::make_mlp(31, {8}, 4, 1), dir / "narrow.safetensors");
  expect_model_error(dir / "narrow.safetensors", d, "31 features");
  engine::save_model(engine::make_mlp(32, {8}, 3, 1), dir / "few.safetensors");
  expect_model_error(dir / "few.safetensors", d, "4 classes");
  const engine::Model fp32 = engine::make_mlp(32, {8}, 4, 1);
  engine::save_model(optimize::quantize_model(fp32, d.splits.train.features),
                     dir / "int8.safetensors");
  expect_model_error(dir / "int8.safetensors", d, "fp32 MLP");
  EXPECT_THROW(
      {
        RecordingObserver obs;
        PhaseTracker tracker(obs, nullptr, 1);
        obtain_baseline(dir / "missing.safetensors", "", d, small_recipe(), tracker);
      },
      IoError);
}

}  // namespace
}  // namespace tinyperf::workflow
