// A prepared Session runs without allocating: this test binary replaces the global operator new
// with a counting one (the count is per thread, so gtest's own threads do not disturb it).
#include <cstdlib>
#include <new>

#include <gtest/gtest.h>

#include "tinyperf/engine/model.h"
#include "tinyperf/engine/session.h"

namespace {
thread_local long allocations = 0;
}  // namespace

void* operator new(std::size_t n) {
  ++allocations;
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void* operator new(std::size_t n, std::align_val_t align) {
  ++allocations;
  const auto a = static_cast<std::size_t>(align);
  if (void* p = std::aligned_alloc(a, (n + a - 1) / a * a)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace tinyperf::engine {
namespace {

// Allocations of `runs` calls of a session prepared for `batch`, after one warm-up call.
long allocations_per_run(const Model& model, Backend backend, std::size_t batch) {
  Session session(model, {backend, 1});
  session.prepare(batch);
  const std::vector<float> x(batch * model.input_features(), 0.25f);
  std::vector<float> y(batch * model.output_features());
  session.run(x, batch, y);
  const long before = allocations;
  for (int i = 0; i < 10; ++i) session.run(x, batch, y);
  return (allocations - before) / 10;
}

TEST(Session, OwnKernelsAllocateNothingOncePrepared) {
  const Model model = make_mlp(784, {256, 128}, 10, 1);
  EXPECT_EQ(allocations_per_run(model, Backend::kFast, 1), 0);  // the AVX-512 batch-1 path
  EXPECT_EQ(allocations_per_run(model, Backend::kReference, 1), 0);
  EXPECT_EQ(allocations_per_run(model, Backend::kReference, 64), 0);
}

// oneDNN 2.6 builds a small argument map inside every primitive execution (dnnl_primitive_execute
// converts the argument array to an unordered_map), so its path allocates a few small blocks per
// matmul whatever the caller does. What the session controls is that no primitive, memory object or
// buffer is made per call: creating the three primitives costs thousands of allocations, running
// them a handful each.
TEST(Session, OneDnnPathCreatesNothingPerCall) {
  const Model model = make_mlp(784, {256, 128}, 10, 1);
  const long before = allocations;
  Session session(model, {Backend::kOneDnn, 1});
  session.prepare(64);
  const long creation = allocations - before;
  for (Backend backend : {Backend::kFast, Backend::kOneDnn}) {
    for (std::size_t batch : {1u, 64u}) {
      if (backend == Backend::kFast && batch == 1) continue;
      const long per_run = allocations_per_run(model, backend, batch);
      EXPECT_LE(per_run, 3 * 10) << "batch " << batch;
      EXPECT_LT(per_run * 20, creation) << "batch " << batch;
    }
  }
}

TEST(Session, AllocationCounterSeesAnUnpreparedBatchSize) {
  const Model model = make_mlp(784, {256, 128}, 10, 1);
  Session session(model);
  const long before = allocations;
  const std::vector<float> x(2 * 784, 0.25f);
  session.run(x, 2);
  EXPECT_GT(allocations - before, 0);
}

}  // namespace
}  // namespace tinyperf::engine
