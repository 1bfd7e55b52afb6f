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

.PHONY: all deps build demo demo-real serve test test-asan test-valgrind fuzz bench clean

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
	  --publisher "University of Washington Center for Human Rights: ICE detention facilities (FOIA records)" \
	  --url https://github.com/UWCHR/ice-facilities --licence "none stated (records released under FOIA)" -s $(REAL_DB) >/dev/null
	@$(SL) audit -s $(REAL_DB) -o $(REAL_OUT) --tech ring --since 2020-05-25

# The plain pass leaves the SQLite-against-PostgreSQL comparison scripts
# (e2e.pg_*) to the ASan pass below, which runs the same scripts and checks
# with sanitizers on: run in both they took 180 s of test time (90 s at -j2)
# of CI's thirty minutes. `ctest` in $(BUILD) still runs them.
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -E '^e2e\.pg_'
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-valgrind

# The same suite under AddressSanitizer + UBSan, in its own build tree: every
# test but the second run of the end-to-end scripts against PostgreSQL
# (pg.*, label pg), which would add minutes for code the pg_*.sh
# comparisons already run here, the browser scripts (label browser), whose
# checks are chromium's, e2e.crash_safety, whose subject is the SQLite file
# after a SIGKILL, which no sanitizer sees (55 s here), and e2e.bad_corpus,
# 189 malformed files that fuzz/seed.py puts in every fuzz target's corpus,
# which fuzz_smoke runs under ASan and UBSan (120 s here). The plain pass runs both; `ctest -L pg`, `-L browser` or
# `-R 'crash_safety|bad_corpus'` in this tree runs them.
test-asan: deps
	@cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD)-asan -j $(JOBS)
	@cd $(BUILD)-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS) \
	  -E '^pg\.|^e2e\.crash_safety$$|^e2e\.bad_corpus$$' -LE browser

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
