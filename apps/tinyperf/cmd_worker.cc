// tinyperf worker: one run of one model in this process (docs/bench.md, "Workers"). Hidden from
// --help: `bench` and `run` start it. It reads a workflow::WorkerJob as JSON on stdin, measures,
// prints one BenchRun as JSON on stdout and exits; exit 2 with one line on stderr for a bad job,
// model or data.
#include <unistd.h>

#include <iostream>
#include <iterator>
#include <string>

#include "cli.h"
#include "tinyperf/core/error.h"
#include "tinyperf/core/file_io.h"
#include "tinyperf/workflow/worker.h"

namespace tinyperf::cli {
namespace {

// A job is a few hundred bytes; anything much larger is not one.
constexpr std::size_t kMaxJobBytes = std::size_t{1} << 20;

struct WorkerFlags {};

int run_worker(const WorkerFlags& /*flags*/) {
  std::string input;
  char buffer[4096];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    input.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (input.size() > kMaxJobBytes) throw InputError("worker job: more than 1 MiB on stdin");
  }
  if (input.empty()) throw InputError("worker job: nothing on stdin (this command is for bench)");
  const workflow::WorkerJob job = workflow::parse_worker_job(parse_json(input, "worker job"));
  const submission::BenchRun run = workflow::run_worker_job(job);
  std::cout << submission::to_json(run).dump() << '\n' << std::flush;
  return kExitOk;
}

void add_flags(CLI::App& /*cmd*/, WorkerFlags& /*flags*/) {}

}  // namespace

const AddCommand add_worker_command = &bound_command<WorkerFlags, add_flags, run_worker>;

std::vector<std::string> worker_command() {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) throw IoError("cannot find this program's path (/proc/self/exe) to start workers");
  return {std::string(path, static_cast<std::size_t>(n)), "worker"};
}

}  // namespace tinyperf::cli
