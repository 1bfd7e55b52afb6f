# Thin wrapper over CMake: install what is missing, build, then run.
# `make demo` and `make test` are the two set-up commands (see README.md).

BUILD   ?= build
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
SL      := $(BUILD)/sightline
DEMO_DB ?= $(BUILD)/demo.db

.PHONY: all deps build demo test test-asan test-valgrind fuzz bench clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@rm -f $(DEMO_DB)
	@$(SL) demo -s $(DEMO_DB)
	@$(SL) partnerships -s $(DEMO_DB)
	@$(SL) partnerships -s $(DEMO_DB) --tech ring --since 2020-05-25 --by state
	@$(SL) partnerships diff -s $(DEMO_DB) --from 2020-01-15 --to 2020-10-07

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-valgrind

# The same suite under AddressSanitizer + UBSan, in its own build tree.
test-asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -LE slow

# Unit tests and a few CLI runs under valgrind memcheck: no errors, no leaks.
test-valgrind: build
	@scripts/valgrind.sh $(BUILD)

# Long fuzz campaigns: each target FUZZ_SECONDS (default 600), one at a time,
# at nice 19. Results in $(BUILD)-fuzz/results.tsv; see docs/testing.md.
FUZZ_SECONDS ?= 600
fuzz: deps
	@FUZZ_BUILD=$(abspath $(BUILD))-fuzz fuzz/run.sh $(FUZZ_SECONDS)

bench: build
	@bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
