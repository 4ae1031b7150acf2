#pragma once
// The HTTP(S) listener: Boost.Beast on Asio coroutines. Network threads only read and write;
// each request's handler runs on a worker pool, because handlers may block on the store.
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
  int worker_threads = 64;
  std::size_t max_body_bytes = 1 << 20;
  std::chrono::seconds request_timeout{30};
  std::chrono::seconds shutdown_grace{10};
  std::string tls_cert_file;  // both set: HTTPS only
  std::string tls_key_file;
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
