#include "tinyperf/loadgen/adapters.h"

#include <algorithm>
#include <utility>

#include <fmt/core.h>

#include "tinyperf/core/error.h"

namespace tinyperf::loadgen {
namespace {

constexpr std::size_t kInitialQueueCapacity = std::size_t{1} << 16;

void require_batch(std::size_t max_batch, const std::string& name) {
  if (max_batch == 0) {
    throw InputError(fmt::format("SUT '{}': max_batch must be >= 1, got 0", name), "max_batch");
  }
}

// Runs `infer` on `samples` in chunks of at most indices.size() and completes each chunk.
// Returns the exception the callable threw first, if any (the samples are completed anyway).
std::exception_ptr run_in_chunks(const BatchFunction& infer, std::vector<std::uint64_t>& indices,
                                 std::span<const QuerySample> samples, Completer& completer) {
  std::exception_ptr error;
  const std::size_t max_batch = indices.size();
  for (std::size_t first = 0; first < samples.size(); first += max_batch) {
    const std::size_t n = std::min(max_batch, samples.size() - first);
    for (std::size_t k = 0; k < n; ++k) indices[k] = samples[first + k].index;
    try {
      infer(std::span<const std::uint64_t>(indices.data(), n));
    } catch (...) {
      if (!error) error = std::current_exception();
    }
    completer.complete(samples.subspan(first, n));
  }
  return error;
}

}  // namespace

CallableSut::CallableSut(std::string name, BatchFunction infer, std::size_t max_batch)
    : name_(std::move(name)), infer_(std::move(infer)), indices_(max_batch) {
  require_batch(max_batch, name_);
}

CallableSut CallableSut::per_sample(std::string name, SampleFunction infer) {
  return CallableSut(
      std::move(name),
      [f = std::move(infer)](std::span<const std::uint64_t> indices) {
        for (std::uint64_t i : indices) f(i);
      },
      1);
}

CallableSut CallableSut::batched(std::string name, BatchFunction infer, std::size_t max_batch) {
  return CallableSut(std::move(name), std::move(infer), max_batch);
}

void CallableSut::issue_query(std::span<const QuerySample> samples, Completer& completer) {
  std::exception_ptr error = run_in_chunks(infer_, indices_, samples, completer);
  if (error && !first_error_) first_error_ = error;
}

BatchingSut::BatchingSut(std::string name, BatchFunction infer, std::size_t max_batch)
    : name_(std::move(name)), infer_(std::move(infer)), max_batch_(max_batch) {
  require_batch(max_batch, name_);
  indices_.resize(max_batch);
  pending_.reserve(kInitialQueueCapacity);
  working_.reserve(kInitialQueueCapacity);
  worker_ = std::thread([this] { worker_loop(); });
}

BatchingSut::~BatchingSut() {
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  worker_.join();
}

void BatchingSut::issue_query(std::span<const QuerySample> samples, Completer& completer) {
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    pending_.insert(pending_.end(), samples.begin(), samples.end());
    completer_ = &completer;
    wake = worker_idle_;
    worker_idle_ = false;
  }
  if (wake) wake_.notify_one();
}

std::exception_ptr BatchingSut::first_error() const {
  const std::lock_guard lock(mutex_);
  return first_error_;
}

std::size_t BatchingSut::largest_batch() const {
  const std::lock_guard lock(mutex_);
  return largest_batch_;
}

void BatchingSut::worker_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (pending_.empty()) {
      if (stop_) return;
      worker_idle_ = true;
      wake_.wait(lock, [this] { return stop_ || !pending_.empty(); });
      worker_idle_ = false;
      continue;
    }
    working_.swap(pending_);  // take everything queued: the backlog decides the batch sizes
    Completer* completer = completer_;
    lock.unlock();
    run_chunks(working_, *completer);
    working_.clear();
    lock.lock();
  }
}

void BatchingSut::run_chunks(std::span<const QuerySample> samples, Completer& completer) {
  std::exception_ptr error = run_in_chunks(infer_, indices_, samples, completer);
  const std::lock_guard lock(mutex_);
  largest_batch_ = std::max(largest_batch_, std::min(samples.size(), max_batch_));
  if (error && !first_error_) first_error_ = error;
}

IndexSampleLibrary::IndexSampleLibrary(std::string name, std::uint64_t total,
                                       std::uint64_t performance_count, Hook on_load,
                                       Hook on_unload)
    : name_(std::move(name)),
      total_(total),
      performance_count_(std::min(total, performance_count)),
      on_load_(std::move(on_load)),
      on_unload_(std::move(on_unload)) {}

void IndexSampleLibrary::load_samples(std::span<const std::uint64_t> indices) {
  if (on_load_) on_load_(indices);
}

void IndexSampleLibrary::unload_samples(std::span<const std::uint64_t> indices) {
  if (on_unload_) on_unload_(indices);
}

}  // namespace tinyperf::loadgen
