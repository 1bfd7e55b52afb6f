# Thin wrapper over CMake: install what is missing, build, then run.
# `make demo` and `make test` are the two set-up commands (see README.md).

BUILD   ?= build
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
SL      := $(BUILD)/sightline
DEMO_DB ?= $(BUILD)/demo.db

.PHONY: all deps build demo test test-asan bench clean

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

# The same suite under AddressSanitizer + UBSan, in its own build tree.
test-asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -LE slow

bench: build
	@bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD)-asan
