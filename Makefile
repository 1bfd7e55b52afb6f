# Thin wrapper over CMake: install what is missing, build, then run.
# `make demo` and `make test` are the two set-up commands (see README.md).

BUILD   ?= build
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
SL      := $(BUILD)/sightline
DEMO_DB ?= $(BUILD)/demo.db
DEMO_OUT ?= demo-out
REAL_DB ?= $(BUILD)/real.db
REAL_OUT ?= demo-real-out
SHARED  ?= ../shared/data

.PHONY: all deps build demo demo-real serve test test-full test-asan test-valgrind fuzz bench clean

all: build

deps:
	@scripts/deps.sh

# The compiler's progress goes to $(BUILD)/build.log: a page of it buried
# what make demo is run for. A failed build prints the log's end.
build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@echo "building sightline in $(BUILD)/ (a few minutes the first time; log: $(BUILD)/build.log)"
	@cmake --build $(BUILD) -j $(JOBS) >$(BUILD)/build.log 2>&1 || { tail -40 $(BUILD)/build.log; echo "build failed: $(BUILD)/build.log"; exit 1; }

# The synthetic city, audited: prints the report's path and headline figures.
demo: build
	@rm -f $(DEMO_DB)
	@$(SL) demo -s $(DEMO_DB) --campaign
	@$(SL) audit -s $(DEMO_DB) -o $(DEMO_OUT)

# The demo store in a browser: `make serve`, then open http://127.0.0.1:8787/
# (SERVE_PORT=N for another port; Ctrl-C stops).
SERVE_PORT ?= 8787
serve: demo
	@$(SL) serve -s $(DEMO_DB) --port $(SERVE_PORT)

# The real data of ../shared/data: the Atlas of Surveillance, the FBI agency
# registry, US counties (npm us-atlas) with Census QuickFacts, ICE facilities.
demo-real: build
	@[ -d $(SHARED) ] || { echo "demo-real: $(SHARED) not found"; exit 1; }
	@[ -f node_modules/us-atlas/counties-10m.json ] || { echo "demo-real: needs npm us-atlas (scripts/deps.sh installs it)"; exit 1; }
	@rm -f $(REAL_DB)
	@$(SL) import agencies $(SHARED)/agencies/fbi-cde-agencies-2018.csv --preset fbi-cde -s $(REAL_DB) >/dev/null
	@$(SL) import partnerships $(SHARED)/partnerships/atlas-of-surveillance-2020-10-07.csv --preset atlas -s $(REAL_DB) >/dev/null
	@$(SL) import areas node_modules/us-atlas/counties-10m.json --layer counties --set counties --id id --name name \
	  --demographics $(SHARED)/census/us-counties-quickfacts-2014.csv --key fips --key-width 5 --pop PST045214 \
	  --black RHI225214 --hispanic RHI725214 --white-nh RHI825214 --foreign-born POP645213 --percent \
	  --publisher "US Census Bureau: county boundaries (npm us-atlas 3.0.1) and QuickFacts" \
	  --url https://www.census.gov/quickfacts --licence "US government work, public domain" --year 2014 -s $(REAL_DB) >/dev/null
	@$(SL) import sites $(SHARED)/sites/ice-detention-facilities-uwchr.psv.gz --category ice --id detloc --text name \
	  --publisher "University of Washington Center for Human Rights: facilities ICE used for detention at any time from 1980 to 2017 (FOIA records)" \
	  --url https://github.com/UWCHR/ice-facilities --licence "none stated (records released under FOIA)" -s $(REAL_DB) >/dev/null
	@$(SL) audit -s $(REAL_DB) -o $(REAL_OUT) --tech ring --since 2020-05-25

# CI's thirty minutes on 2 cores (run of 2026-12-05: the suite as it was,
# every e2e script in both trees and every one again on PostgreSQL, took
# 59 minutes) hold each end-to-end script run once:
# - the plain pass: every test but the PostgreSQL runs of scripts that only
#   read the store (label pg_more: pg_same.sh, pg_layers.sh and pg_serve.sh,
#   run here, compare those answers with SQLite's byte for byte) and the
#   fuzz smoke (label fuzz: a clang build of its own; `make fuzz` runs the
#   targets for longer);
# - the ASan + UBSan pass: the unit tests and the e2e scripts of hostile or
#   broken input, a whole audit and every command (label asan);
# - valgrind: the unit tests and a few CLI runs.
# `make test-full` runs the rest too: every e2e script under ASan and on
# PostgreSQL, and the fuzz smoke (about an hour here).
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE 'pg_more|fuzz'
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-valgrind

test-full: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory test-asan ASAN_TESTS=all
	@$(MAKE) --no-print-directory test-valgrind

# The suite under AddressSanitizer + UBSan, in its own build tree: the unit
# tests and the scripts labelled asan (tests/CMakeLists.txt says which and
# why); with ASAN_TESTS=all every test but the runs against PostgreSQL
# (pg.*, label pg: the same code as here, on another store), the browser
# scripts (label browser), whose checks are chromium's, e2e.crash_safety,
# whose subject is the SQLite file after a SIGKILL, which no sanitizer sees,
# and e2e.bad_corpus, 189 malformed files that fuzz/seed.py puts in every
# fuzz target's corpus, which the fuzz smoke runs under ASan and UBSan.
ASAN_TESTS ?= labelled
test-asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@cd $(BUILD)-asan && if [ "$(ASAN_TESTS)" = all ]; then \
	  ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) \
	    -E '^pg\.|^e2e\.crash_safety$$|^e2e\.bad_corpus$$' -LE browser; \
	else ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) -L '^(unit|asan)$$'; fi

# Unit tests and a few CLI runs under valgrind memcheck: no errors, no leaks.
test-valgrind: build
	@JOBS=$(JOBS) scripts/valgrind.sh $(BUILD)

# Long fuzz campaigns: each target FUZZ_SECONDS (default 600), one at a time,
# at nice 19. Results in $(BUILD)-fuzz/results.tsv; see docs/testing.md.
FUZZ_SECONDS ?= 600
fuzz: deps
	@FUZZ_BUILD=$(abspath $(BUILD))-fuzz fuzz/run.sh $(FUZZ_SECONDS)

bench: build
	@bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
