# Switchyard — set-up, build, demo and tests on Debian (run as root on a fresh machine).
SHELL := /bin/bash
APT_PACKAGES := pkg-config libopenblas-dev libsqlite3-dev zlib1g-dev graphviz chromium
SWIFT_BUILD_FLAGS ?=
BIN := .build/release/switchyard
DEMO_OUT ?= notebooks-out/demo

.PHONY: deps build demo test test-asan fuzz bench clean

## Install the system packages that are missing (apt-get update once, only when needed).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

## The main job on the bundled data: import, profile, discover, reconstruct exceptions, KPIs, routing model, ROI report.
DEMO_DATA := datasets/orders-sample.csv
DEMO_WS := $(DEMO_OUT)/workspace.sqlite
demo: build
	@mkdir -p $(DEMO_OUT)
	$(BIN) import $(DEMO_DATA) --name orders --workspace $(DEMO_WS)
	$(BIN) stats orders --workspace $(DEMO_WS)
	$(BIN) discover orders --workspace $(DEMO_WS) --perf --out $(DEMO_OUT)/process-map.svg
	$(BIN) variants orders --workspace $(DEMO_WS) --top 5
	$(BIN) handovers orders --workspace $(DEMO_WS) --by group
	$(BIN) lifecycles orders --workspace $(DEMO_WS) --profile orders --out $(DEMO_OUT)/exceptions.csv
	$(BIN) kpi orders --workspace $(DEMO_WS) --profile orders --by exception_type --out $(DEMO_OUT)/kpi
	$(BIN) train orders --workspace $(DEMO_WS) --profile orders --out $(DEMO_OUT)/model.json
	# The bundled sample's noise ceiling is ~87 %, so the 95 % default precision automates nothing; 90 % is shown.
	$(BIN) report orders --workspace $(DEMO_WS) --profile orders --target-precision 0.9 --out $(DEMO_OUT)/report
	@echo "demo output: $(DEMO_OUT)/ (open $(DEMO_OUT)/report/report.html)"

## The test suite, then a short fuzz pass over every fuzz target (TEST_FUZZ_SECONDS each; 0 skips it).
TEST_FUZZ_SECONDS ?= 15
test: deps
	@python3 -c 'import nbformat' 2>/dev/null || python3 -m pip install --quiet nbformat 2>/dev/null \
	  || python3 -m pip install --quiet --break-system-packages nbformat 2>/dev/null \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-nbformat >/dev/null)
	swift test $(SWIFT_BUILD_FLAGS)
	@if [ "$(TEST_FUZZ_SECONDS)" != "0" ]; then $(MAKE) --no-print-directory fuzz SECONDS=$(TEST_FUZZ_SECONDS) FUZZ_CONFIG=$(TEST_FUZZ_CONFIG); fi

## The test suite under AddressSanitizer (own build folder; LeakSanitizer off: it flags XCTest's own allocations).
test-asan: deps
	ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan $(SWIFT_BUILD_FLAGS)

## Each libFuzzer target for SECONDS (`make fuzz SECONDS=1800` for a long run); seeds in Tests/Fuzz/corpus/.
SECONDS ?= 60
FUZZ_CONFIG ?= release
TEST_FUZZ_CONFIG ?= debug
fuzz: deps
	FUZZ_CONFIG=$(FUZZ_CONFIG) Tests/Fuzz/run.sh $(SECONDS)

bench: build
	$(BIN) bench import ../shared/logs/receipt.xes.gz

clean:
	rm -rf .build
