#pragma once
// Errors that cross layers. Each maps to one HTTP status at the edge (see http/error_mapping).
#include <stdexcept>
#include <string>
#include <vector>

namespace relief {

// One thing wrong with one field of an input, stated for the person who sent it.
struct Problem {
  std::string field;    // a path such as "valueQuantity.value" or "birthDate"
  std::string message;  // a human sentence that says what to do
};

// The input was understood but is not acceptable (FHIR: 422 Unprocessable Entity).
class ValidationError : public std::runtime_error {
 public:
  explicit ValidationError(std::vector<Problem> problems);
  ValidationError(std::string field, std::string message);
  const std::vector<Problem>& problems() const { return problems_; }

 private:
  std::vector<Problem> problems_;
};

// The input could not be parsed at all (400 Bad Request).
class MalformedInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An update named a version that is no longer current (412 Precondition Failed).
class VersionConflict : public std::runtime_error {
 public:
  VersionConflict(long long expected, long long current);
  long long current() const { return current_; }

 private:
  long long current_;
};

// An update did not say which version it changes (If-Match missing): also 412.
class MissingPrecondition : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A uniqueness rule was broken, e.g. a second patient with the same MRN (409 Conflict).
class DuplicateRecord : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A library exception's message as a user may read it: Boost appends where in its own sources
// the error arose ("unknown name [boost.json:33 at /usr/include/...]"), which helps nobody
// fixing a request and tells an attacker which libraries answer.
std::string user_message(const std::exception& e);

}  // namespace relief
