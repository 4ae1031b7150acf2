#include "http/server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/spdlog.h>
#include <thread>

namespace relief::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using net::use_awaitable;

namespace {

Request to_request(bhttp::request<bhttp::string_body>& req, std::string client, bool tls) {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());  // repeated headers fold into one list
  }
  r.body = std::move(req.body());
  r.client = std::move(client);
  r.tls = tls;
  return r;
}

bhttp::response<bhttp::string_body> to_beast(Response&& res, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "Relief");
  if (!res.body.empty() || res.status != 204) out.set(bhttp::field::content_type, res.content_type);
  for (auto& [name, value] : res.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  auto size = res.body.size();
  out.body() = std::move(res.body);
  out.prepare_payload();
  if (head) {
    out.body().clear();
    out.content_length(size);
  }
  return out;
}

Response plain_error(int status, std::string message) {
  Response r;
  r.status = status;
  r.body = R"({"error":{"status":)" + std::to_string(status) + R"(,"message":")" + message + R"("}})";
  return r;
}

}  // namespace

struct HttpServer::Impl {
  ServerConfig config;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor{ioc};
  net::thread_pool workers;
  std::unique_ptr<net::ssl::context> tls;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  net::signal_set signals{ioc, SIGINT, SIGTERM};

  Impl(ServerConfig c, Handler h) : config(std::move(c)), handler(std::move(h)), workers(config.worker_threads) {
    if (!config.tls_cert_file.empty()) {
      tls = std::make_unique<net::ssl::context>(net::ssl::context::tls_server);
      tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(config.tls_cert_file);
      tls->use_private_key_file(config.tls_key_file, net::ssl::context::pem);
    }
    tcp::endpoint endpoint{net::ip::make_address(config.host), config.port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
  }

  // One connection: read a request, run the handler on the worker pool, write the response.
  template <class Stream>
  net::awaitable<void> session(Stream stream, std::string client) {
    beast::flat_buffer buffer;
    bool secure = tls != nullptr;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(config.max_body_bytes);
      parser.header_limit(32 * 1024);
      beast::get_lowest_layer(stream).expires_after(config.request_timeout);
      auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, net::as_tuple(use_awaitable));
      if (ec) {
        // Parse errors (Beast's http category) get an answer; a closed or timed-out socket does not.
        const bool parse_error = ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
        int status = ec == bhttp::error::body_limit ? 413 : ec == bhttp::error::header_limit ? 431 : parse_error ? 400 : 0;
        if (status) {
          auto res = to_beast(plain_error(status, status == 413 ? "the request body is too large"
                                                  : status == 431 ? "the request headers are too large"
                                                                  : "the request is not valid HTTP/1.1"),
                              11, false, false);
          co_await bhttp::async_write(stream, res, net::as_tuple(use_awaitable));
        }
        break;
      }
      ++in_flight;
      auto raw = parser.release();
      const bool head = raw.method() == bhttp::verb::head;
      const unsigned version = raw.version();
      const bool keep_alive = raw.keep_alive() && !stopping;
      Request request = to_request(raw, client, secure);
      if (head) request.method = "GET";
      Response response = co_await net::co_spawn(
          workers.get_executor(), [&]() -> net::awaitable<Response> { co_return handler(std::move(request)); }, use_awaitable);
      auto res = to_beast(std::move(response), version, keep_alive, head);
      beast::get_lowest_layer(stream).expires_after(config.request_timeout);
      auto [wec, wn] = co_await bhttp::async_write(stream, res, net::as_tuple(use_awaitable));
      --in_flight;
      if (wec || !keep_alive) break;
    }
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  net::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), net::as_tuple(use_awaitable));
      if (ec) {
        if (stopping || ec == net::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto endpoint = socket.remote_endpoint(ignored);
      std::string client = ignored ? "unknown" : endpoint.address().to_string();
      auto executor = socket.get_executor();
      beast::tcp_stream plain(std::move(socket));
      auto log_failure = [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::debug("connection ended: {}", ex.what());
        }
      };
      if (tls) {
        net::co_spawn(executor, tls_session(std::move(plain), std::move(client)), log_failure);
      } else {
        net::co_spawn(executor, session(std::move(plain), std::move(client)), log_failure);
      }
    }
  }

  net::awaitable<void> tls_session(beast::tcp_stream plain, std::string client) {
    beast::ssl_stream<beast::tcp_stream> stream(std::move(plain), *tls);
    beast::get_lowest_layer(stream).expires_after(config.request_timeout);
    auto [ec] = co_await stream.async_handshake(net::ssl::stream_base::server, net::as_tuple(use_awaitable));
    if (ec) co_return;
    co_await session(std::move(stream), std::move(client));
  }

  // Stop accepting; wait for in-flight requests (bounded by the grace period); stop the loop.
  net::awaitable<void> drain() {
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    net::steady_timer timer(ioc);
    auto deadline = std::chrono::steady_clock::now() + config.shutdown_grace;
    while (in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(20));
      co_await timer.async_wait(net::as_tuple(use_awaitable));
    }
    if (in_flight > 0) spdlog::warn("shutting down with {} requests still running", in_flight.load());
    ioc.stop();
  }

  void begin_stop() {
    if (stopping.exchange(true)) return;
    net::co_spawn(ioc, drain(), net::detached);
  }
};

HttpServer::HttpServer(ServerConfig config, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler))) {}

HttpServer::~HttpServer() {
  impl_->workers.join();
}

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::run() {
  auto& s = *impl_;
  s.signals.async_wait([&s](const beast::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("signal {} received: finishing in-flight requests, then stopping", signal);
    s.begin_stop();
  });
  net::co_spawn(s.ioc, s.accept_loop(), net::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < s.config.io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  s.workers.join();
}

void HttpServer::stop() {
  net::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

}  // namespace relief::http
