# The two commands a new user needs: `make run` and `make test`. Both install what is missing
# (scripts/setup.sh), configure and build. `make bench` runs the Google Benchmark programs.
JOBS ?= $(shell nproc)
TINYPERF := build/release/bin/tinyperf

.PHONY: all setup build run test test-release test-asan bench clean

all: build

setup:
	@bash scripts/setup.sh

build: setup
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

run: build
	$(TINYPERF) --help

test: test-release test-asan

test-release: build
	ctest --preset release -j $(JOBS)

# The unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: setup
	cmake --preset asan-ubsan >/dev/null
	cmake --build --preset asan-ubsan -j $(JOBS)
	ctest --preset asan-ubsan -j $(JOBS)

bench: build
	@for b in build/release/bench/*_bench; do echo "== $$b"; $$b --benchmark_min_time=0.2 || exit 1; done

clean:
	rm -rf build
