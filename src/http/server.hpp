#pragma once
// The HTTP(S) listener: Boost.Beast on Asio. Each connection runs on a fiber (a stackful
// coroutine) on a few network threads, and its handlers run right there; a handler that waits
// for the store, or runs long work through run_blocking (core/waiting.hpp), suspends its fiber
// and leaves the thread to other connections. Long work runs on the worker pool.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace relief::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (see HttpServer::port)
  int io_threads = 2;
  int worker_threads = 64;  // for run_blocking: password hashing, solver runs
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::seconds request_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  std::string tls_cert_file;  // both set: HTTPS only
  std::string tls_key_file;
  // Called once when a shutdown begins, before in-flight requests are waited for: long work
  // (schedule solves) can wrap up and answer within shutdown_grace.
  std::function<void()> on_stopping;
};

using Handler = std::function<Response(Request)>;  // the request is the handler's to keep

class HttpServer {
 public:
  HttpServer(ServerConfig config, Handler handler);
  ~HttpServer();
  unsigned short port() const;  // the bound port
  // Serves until SIGTERM/SIGINT or stop(); then stops accepting, lets in-flight requests finish
  // (up to shutdown_grace), and returns.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relief::http
