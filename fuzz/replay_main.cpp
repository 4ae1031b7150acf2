// Runs the fuzz target without libFuzzer (so it runs in every `make test`, built with g++): every
// file of the seed corpus, then a fixed-seed stream of mutations of them. `make fuzz` runs the
// real coverage-guided libFuzzer build with clang and AddressSanitizer.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

int run(const std::string& s) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

std::string mutate(std::string s, std::mt19937_64& rng, const std::vector<std::string>& seeds) {
  static const char* tokens[] = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e309", "0.5",
                                 "\"\"", "\\u0000", "\\ud800", "T", "Z", "+14:00", "-", "/", "%", "%00", "?", "&", "="};
  int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits; ++i) {
    std::size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0: if (!s.empty() && pos < s.size()) s[pos] = static_cast<char>(rng()); break;
      case 1: s.insert(pos, tokens[rng() % std::size(tokens)]); break;
      case 2: if (pos < s.size()) s.erase(pos, 1 + rng() % 16); break;
      case 3: if (!s.empty()) s.insert(pos, s.substr(rng() % s.size(), 1 + rng() % 32)); break;
      case 4: { const auto& other = seeds[rng() % seeds.size()]; s = s.substr(0, pos) + other.substr(std::min(pos, other.size())); break; }
      default: s.insert(pos, std::string(1 + rng() % 4, static_cast<char>(rng() % 128))); break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "fuzz/corpus";
  long iterations = argc > 2 ? std::stol(argv[2]) : 20000;
  std::vector<std::string> seeds;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    seeds.push_back(body.str());
  }
  if (seeds.empty()) {
    std::cerr << "no seed corpus in " << dir << "\n";
    return 1;
  }
  for (const auto& s : seeds) run(s);
  std::mt19937_64 rng(20261122);
  for (long i = 0; i < iterations; ++i) run(mutate(seeds[rng() % seeds.size()], rng, seeds));
  std::cout << "fuzz replay: " << seeds.size() << " seeds and " << iterations
            << " mutations parsed without a crash or an unexpected exception\n";
  return 0;
}
