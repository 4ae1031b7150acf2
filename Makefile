# The two commands of the README: `make run` and `make test`. Both install what is missing first.
BUILD ?= build
DB ?= relief-demo.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: run test build setup web clean bench fuzz

setup:
	@bash scripts/setup

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/package-lock.json 2>/dev/null)

build: setup $(BUILD)/build.ninja web/dist/index.html
	cmake --build $(BUILD) -j $(JOBS)

# The browser UI: type-checked, bundled by Vite into web/dist, its gzipped size printed.
web/dist/index.html: $(WEB_SOURCES)
	cd web && npm run --silent build

web: setup web/dist/index.html

# Only the server and the UI: the tests' hundred-odd targets were 40% of a first `make run`.
run: setup $(BUILD)/build.ninja web/dist/index.html
	cmake --build $(BUILD) -j $(JOBS) --target relief
	$(BUILD)/relief serve --demo --db $(DB) --listen $(LISTEN)

test: build
	cd $(BUILD) && ctest --output-on-failure --timeout 900

bench: build
	bash bench/load.sh

# Coverage-guided fuzzing of the parsers with libFuzzer + AddressSanitizer (clang 14), for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: setup
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DRELIEF_FUZZ=ON -DBUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz -j $(JOBS) --target parsers_fuzzer
	mkdir -p build-fuzz/corpus && cp fuzz/corpus/* build-fuzz/corpus/
	build-fuzz/parsers_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build-fuzz/corpus

clean:
	rm -rf $(BUILD) build-fuzz
