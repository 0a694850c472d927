#include "tinyperf/engine/model_file.h"

#include <cstdio>
#include <random>

#include <gtest/gtest.h>

#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/engine/train.h"

namespace tinyperf::engine {
namespace {

Model small_model() {
  Model m = make_mlp(6, {5}, 3, 9);
  m.metadata()["training"] = R"({"epochs": 3})";
  return m;
}

void expect_same(const Model& a, const Model& b) {
  ASSERT_EQ(a.num_layers(), b.num_layers());
  EXPECT_EQ(a.input_features(), b.input_features());
  for (std::size_t i = 0; i < a.num_layers(); ++i) {
    EXPECT_EQ(a.layer(i).kind(), b.layer(i).kind());
    const auto ta = a.layer(i).tensors(), tb = b.layer(i).tensors();
    ASSERT_EQ(ta.size(), tb.size());
    for (std::size_t t = 0; t < ta.size(); ++t) EXPECT_EQ(*ta[t].second, *tb[t].second);
  }
}

// Header length (first 8 bytes, little-endian) of serialized model bytes.
std::uint64_t header_length(const std::string& bytes) {
  std::uint64_t n = 0;
  for (int b = 7; b >= 0; --b) n = (n << 8) | static_cast<unsigned char>(bytes[b]);
  return n;
}

std::string with_header(const std::string& bytes, const std::string& header) {
  std::string out(8, '\0');
  for (int b = 0; b < 8; ++b) out[b] = static_cast<char>((header.size() >> (8 * b)) & 0xff);
  return out + header + bytes.substr(8 + header_length(bytes));
}

nlohmann::json header_of(const std::string& bytes) {
  return nlohmann::json::parse(bytes.substr(8, header_length(bytes)));
}

void expect_rejected(const std::string& bytes, const std::string& needle) {
  try {
    parse_model(bytes, "m.safetensors");
    FAIL() << "accepted; expected an error mentioning " << needle;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("m.safetensors"), std::string::npos) << e.what();
  }
}

TEST(ModelFile, RoundTripsBitExactWithMetadata) {
  const Model model = small_model();
  const Model back = parse_model(serialize_model(model), "mem");
  expect_same(model, back);
  EXPECT_EQ(back.metadata().at("training"), R"({"epochs": 3})");
  EXPECT_EQ(serialize_model(back), serialize_model(model));
}

TEST(ModelFile, SavesAndLoadsThroughAFile) {
  const std::string path = ::testing::TempDir() + "tinyperf_model_file_test.safetensors";
  const Model model = make_mlp(784, {256, 128}, 10, 4);
  save_model(model, path);
  expect_same(model, load_model(path));
  std::remove(path.c_str());
}

TEST(ModelFile, UsesTheSafetensorsLayout) {
  const std::string bytes = serialize_model(small_model());
  const nlohmann::json header = header_of(bytes);
  EXPECT_EQ(header_length(bytes) % 8, 0u);
  EXPECT_EQ(header["layers.0.weight"]["dtype"], "F32");
  EXPECT_EQ(header["layers.0.weight"]["shape"], nlohmann::json({5, 6}));
  EXPECT_EQ(header["layers.0.weight"]["data_offsets"], nlohmann::json({0, 120}));
  EXPECT_EQ(header["layers.0.bias"]["data_offsets"], nlohmann::json({120, 140}));
  EXPECT_EQ(header["__metadata__"]["tinyperf.precision"], "fp32");
  EXPECT_EQ(bytes.size(), 8 + header_length(bytes) + 4 * (30 + 5 + 15 + 3));
}

TEST(ModelFile, RejectsEveryTruncation) {
  const std::string bytes = serialize_model(small_model());
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_THROW(parse_model(bytes.substr(0, n), "m"), InputError) << "prefix of " << n << " bytes";
  }
}

TEST(ModelFile, RejectsOversizedHeaderLengths) {
  std::string bytes = serialize_model(small_model());
  std::string huge = bytes;
  for (int b = 0; b < 8; ++b) huge[b] = static_cast<char>(0xff);
  expect_rejected(huge, "limit");
  std::string past_end = with_header(bytes, std::string(bytes.size(), ' '));
  past_end.resize(past_end.size() - bytes.size() - 8);
  expect_rejected(past_end, "past the end");
}

TEST(ModelFile, RejectsHeadersThatAreNotJsonObjects) {
  const std::string bytes = serialize_model(small_model());
  EXPECT_THROW(parse_model(with_header(bytes, "{not json"), "m"), InputError);
  expect_rejected(with_header(bytes, "[1, 2]"), "not a JSON object");
  expect_rejected(with_header(bytes, "{}"), "__metadata__");
}

// Edits the header of a valid file and expects the parse to fail naming `needle`.
void expect_edit_rejected(const std::function<void(nlohmann::json&)>& edit,
                          const std::string& needle) {
  const std::string bytes = serialize_model(small_model());
  nlohmann::json header = header_of(bytes);
  edit(header);
  expect_rejected(with_header(bytes, header.dump()), needle);
}

TEST(ModelFile, RejectsWrongAndUnknownDtypes) {
  expect_edit_rejected([](auto& h) { h["layers.0.bias"]["dtype"] = "F16"; }, "unsupported dtype");
  // I32 is a known dtype with the same byte size, but a Linear layer needs F32.
  expect_edit_rejected([](auto& h) { h["layers.0.bias"]["dtype"] = "I32"; }, "F32");
}

TEST(ModelFile, RejectsShapeAndOffsetMismatches) {
  expect_edit_rejected([](auto& h) { h["layers.0.weight"]["shape"] = {6, 5}; }, "layer 0");
  expect_edit_rejected([](auto& h) { h["layers.0.weight"]["shape"] = {5, 7}; }, "bytes");
  expect_edit_rejected([](auto& h) { h["layers.0.bias"]["data_offsets"] = {100, 120}; }, "overlap");
  expect_edit_rejected([](auto& h) { h["layers.0.bias"]["data_offsets"] = {124, 144}; }, "");
  expect_edit_rejected([](auto& h) { h["layers.2.bias"]["data_offsets"] = {204, 216}; }, "outside");
  expect_edit_rejected(
      [](auto& h) {
        h["layers.0.weight"]["data_offsets"] = {0, -4};
      },
      "data_offsets");
  expect_edit_rejected([](auto& h) { h["layers.0.weight"]["shape"] = {5, -6}; }, "shape");
  expect_edit_rejected(
      [](auto& h) {
        h["layers.0.weight"]["shape"] = {1ull << 40, 1ull << 40};
      },
      "");
}

TEST(ModelFile, RejectsInconsistentArchitectures) {
  auto arch_edit = [](const std::function<void(nlohmann::json&)>& edit) {
    return [edit](nlohmann::json& h) {
      auto arch =
          nlohmann::json::parse(h["__metadata__"]["tinyperf.architecture"].get<std::string>());
      edit(arch);
      h["__metadata__"]["tinyperf.architecture"] = arch.dump();
    };
  };
  expect_edit_rejected(arch_edit([](auto& a) { a["layers"][1]["type"] = "gelu"; }), "unknown type");
  expect_edit_rejected(arch_edit([](auto& a) { a["layers"][0]["in_features"] = 7; }),
                       "in_features");
  expect_edit_rejected(arch_edit([](auto& a) { a["input_features"] = 7; }), "expects 6");
  expect_edit_rejected(arch_edit([](auto& a) { a["layers"].erase(2); }), "");
  expect_edit_rejected([](auto& h) { h["__metadata__"]["tinyperf.architecture"] = "[["; }, "");
  expect_edit_rejected([](auto& h) { h["layers.9.weight"] = h["layers.0.bias"]; }, "");
  expect_edit_rejected([](auto& h) { h["__metadata__"]["tinyperf.format"] = "other"; },
                       "tinyperf.format");
}

TEST(ModelFile, RefusesNewerFormatVersionsAsUnsupported) {
  const std::string bytes = serialize_model(small_model());
  nlohmann::json header = header_of(bytes);
  header["__metadata__"]["tinyperf.format_version"] = "2";
  EXPECT_THROW(parse_model(with_header(bytes, header.dump()), "m"), UnsupportedError);
}

TEST(ModelFile, SurvivesRandomBytesAndRandomMutations) {
  std::mt19937_64 rng(1);
  const std::string valid = serialize_model(small_model());
  for (int trial = 0; trial < 2000; ++trial) {
    std::string bytes;
    if (trial % 2 == 0) {
      bytes.resize(rng() % 600);
      for (char& c : bytes) c = static_cast<char>(rng());
    } else {
      bytes = valid;
      for (int flips = 1 + static_cast<int>(rng() % 4); flips > 0; --flips) {
        bytes[rng() % bytes.size()] = static_cast<char>(rng());
      }
    }
    try {
      parse_model(bytes, "fuzz");
    } catch (const Error&) {
      // A clear error is the expected outcome; a crash or another exception type fails the test.
    }
  }
}

// A stand-in for a quantized layer defined outside the engine: int8 weights, int32 bias, uint8
// zero points. It checks that such models save and load "like any model" through a LayerLoader.
class FakeInt8Layer final : public Layer {
 public:
  FakeInt8Layer() : w_({2, 3}, DType::kI8), b_({2}, DType::kI32), z_({1}, DType::kU8) {
    w_.values<std::int8_t>()[4] = -128;
    b_.values<std::int32_t>()[1] = -123456;
    z_.values<std::uint8_t>()[0] = 200;
  }
  std::string kind() const override { return "fake_int8"; }
  std::size_t output_features(std::size_t) const override { return 2; }
  std::vector<std::pair<std::string, const Tensor*>> tensors() const override {
    return {{"weight", &w_}, {"bias", &b_}, {"zero_point", &z_}};
  }
  std::string precision() const override { return "int8"; }
  void forward_reference(std::span<const float>, std::span<float> out, std::size_t,
                         std::size_t) const override {
    std::fill(out.begin(), out.end(), 0.0f);
  }
  std::unique_ptr<Layer> clone() const override { return std::make_unique<FakeInt8Layer>(*this); }
  Tensor w_, b_, z_;
};

TEST(ModelFile, SavesAndLoadsIntegerTensorsOfExtensionLayers) {
  Model model(3);
  model.add(std::make_unique<FakeInt8Layer>());
  model.add(std::make_unique<Softmax>());
  EXPECT_EQ(model.precision(), "int8");
  const std::string bytes = serialize_model(model);
  EXPECT_EQ(header_of(bytes)["layers.0.weight"]["dtype"], "I8");
  EXPECT_EQ(header_of(bytes)["__metadata__"]["tinyperf.precision"], "int8");
  expect_rejected(bytes, "unknown type \"fake_int8\"");
  const LayerLoader loader = [](const LayerSpec& spec) -> std::unique_ptr<Layer> {
    if (spec.kind != "fake_int8") return nullptr;
    auto layer = std::make_unique<FakeInt8Layer>();
    layer->w_ = spec.tensors.at("weight");
    layer->b_ = spec.tensors.at("bias");
    layer->z_ = spec.tensors.at("zero_point");
    return layer;
  };
  const Model back = parse_model(bytes, "m", loader);
  expect_same(model, back);
  EXPECT_EQ(dynamic_cast<const FakeInt8Layer&>(back.layer(0)).b_.values<std::int32_t>()[1],
            -123456);
}

TEST(ModelFile, LoadsAModelOfManyLayersKeepingEveryWidth) {
  // 100,000 layers: loading once took time quadratic in the layers (each add walked them all);
  // the widths are now fixed as layers are added. Correctness here; the time is in
  // docs/benchmarks.md ("Reading JSON").
  Model model(3);
  model.add(std::make_unique<Linear>(3, 5));
  for (int i = 0; i < 100000; ++i) model.add(std::make_unique<ReLU>());
  model.add(std::make_unique<Linear>(5, 2));
  const Model back = parse_model(serialize_model(model), "many");
  ASSERT_EQ(back.num_layers(), 100002u);
  EXPECT_EQ(back.input_features_of(0), 3u);
  EXPECT_EQ(back.input_features_of(1), 5u);
  EXPECT_EQ(back.input_features_of(100001), 5u);
  EXPECT_EQ(back.output_features(), 2u);
  EXPECT_EQ(back.input_features_of(back.num_layers()), 2u);
  const Model copy = back;  // the copy keeps the widths
  EXPECT_EQ(copy.output_features(), 2u);
  Model moved = Model(3);
  moved.add(std::make_unique<Linear>(3, 4));
  EXPECT_EQ(moved.output_features(), 4u);
  EXPECT_THROW(moved.add(std::make_unique<Linear>(3, 4)), InputError);  // 4 in, not 3
  EXPECT_EQ(moved.num_layers(), 1u);  // a refused layer is not added
  EXPECT_EQ(moved.output_features(), 4u);
}

TEST(ModelFile, ReportsUnreadableFilesAsIoErrors) {
  EXPECT_THROW(load_model("/nonexistent/dir/model.safetensors"), IoError);
}

}  // namespace
}  // namespace tinyperf::engine
