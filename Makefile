# Switchyard — set-up, build, demo and tests on Debian (run as root on a fresh machine).
SHELL := /bin/bash
APT_PACKAGES := pkg-config libopenblas-dev libsqlite3-dev zlib1g-dev graphviz
SWIFT_BUILD_FLAGS ?=
BIN := .build/release/switchyard
DEMO_OUT ?= notebooks-out/demo

.PHONY: deps build demo test bench clean

## Install the system packages that are missing (apt-get update once, only when needed).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	swift build -c release $(SWIFT_BUILD_FLAGS)

## The main job on the bundled data: import, profile, discover, reconstruct exceptions.
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
	@echo "demo output: $(DEMO_OUT)/"

test: deps
	swift test $(SWIFT_BUILD_FLAGS)

bench: build
	$(BIN) bench import ../shared/logs/receipt.xes.gz

clean:
	rm -rf .build
