# The two commands a new user needs: `make run` and `make test`. Both install what is missing
# (scripts/setup.sh), configure and build. `make bench` runs the Google Benchmark programs.
JOBS ?= $(shell nproc)
TINYPERF := build/release/bin/tinyperf

.PHONY: all setup build run test test-release test-examples test-asan test-fuzz bench clean

all: build

setup:
	@bash scripts/setup.sh

build: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

# The main job: builds only the CLI, then `tinyperf run` (docs/run.md). RUN_FLAGS passes flags,
# e.g. make run RUN_FLAGS=--quick
run: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS) --target tinyperf_cli
	$(TINYPERF) run $(RUN_FLAGS)

test: test-release test-examples test-asan test-fuzz

test-release: build
	ctest --preset release -j $(JOBS)

# The library as another project uses it: the release build installed into build/install, then
# each program in examples/ configured against it (find_package(tinyperf)), built and run.
test-examples: build
	rm -rf build/install
	cmake --install build/release --prefix build/install >/dev/null
	JOBS=$(JOBS) examples/build_and_run.sh build/install build/examples

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	cmake --preset asan-ubsan >/dev/null
	cmake --build --preset asan-ubsan -j $(JOBS)
	ctest --preset asan-ubsan -j $(JOBS)

# The submission validator's libFuzzer target (clang, ASan + UBSan) for FUZZ_SECONDS, starting from
# schema/examples/; new inputs go to build/fuzz/corpus. A crash fails the build with its input saved.
FUZZ_SECONDS ?= 45
test-fuzz: setup
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	mkdir -p build/fuzz/corpus
	build/fuzz/tests/fuzz/validate_fuzz build/fuzz/corpus schema/examples/valid schema/examples/invalid \
	  -dict=tests/fuzz/submission.dict -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/

bench: build
	@for b in build/release/bench/*_bench; do echo "== $$b"; $$b --benchmark_min_time=0.2 || exit 1; done

clean:
	rm -rf build
