#pragma once
// The request pipeline: route -> authenticate -> CSRF -> permission -> handler -> errors -> metrics/log.
#include <memory>

#include "http/context.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

namespace relief::http {

class App {
 public:
  App(Store& store, AppConfig config);
  ~App();
  Response handle(Request request);  // by value: routing fills in its path and query

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relief::http
