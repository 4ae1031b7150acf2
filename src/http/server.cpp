#include "http/server.hpp"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/spawn.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/spdlog.h>
#include <poll.h>
#include <thread>

#include "core/waiting.hpp"
#include "http/responses.hpp"

namespace relief::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using net::use_awaitable;

namespace {

// The client has closed or reset its connection. POLLRDHUP (Linux) sees the close even behind
// unread bytes (a pipelined request, TLS's close_notify). A client that only half-closes, to
// wait for the answer, counts as gone too; HTTP/1.1 clients do not do that.
bool peer_hung_up(int fd) {
  pollfd p{fd, POLLRDHUP, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

Request to_request(bhttp::request<bhttp::string_body>& req, std::string client, bool tls) {
  Request r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  r.version = req.version();
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
  if (!res.content_type.empty() && (!res.body.empty() || res.status != 204)) out.set(bhttp::field::content_type, res.content_type);
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

// Suspends the connection's fiber until another thread resumes it, and resumes it on the
// connection's own executor (its strand), never on the thread that finished the work.
class FiberWaiter final : public Waiter {
 public:
  FiberWaiter(net::yield_context& yield, net::thread_pool& workers) : yield_(yield), workers_(workers) {}

  void wait(const std::function<void(Resume)>& start) override {
    // Asio runs the initiation only once the fiber has switched out, inside a handler of the
    // connection's strand; a resume posted at once from another thread therefore waits in the
    // strand until the initiation has returned. The initiation runs on the network thread's own
    // stack, not the fiber's: an exception from start is carried back into the fiber by hand,
    // since thrown from here it would leave io_context::run.
    std::exception_ptr failure;
    net::async_initiate<net::yield_context, void()>(
        [&start, &failure](auto handler) {
          using Handler = decltype(handler);
          auto pending = std::make_shared<Handler>(std::move(handler));
          auto executor = net::get_associated_executor(*pending);
          Resume resume = [pending, guard = net::make_work_guard(executor)]() mutable {
            net::post(guard.get_executor(), [pending] { std::move (*pending)(); });
            guard.reset();
          };
          try {
            start(resume);
          } catch (...) {  // start failed before handing resume on (see wait_for)
            failure = std::current_exception();
            resume();
          }
        },
        yield_);
    if (failure) std::rethrow_exception(failure);
  }

  void offload(std::function<void()> work) override { net::post(workers_, std::move(work)); }

 private:
  net::yield_context& yield_;
  net::thread_pool& workers_;
};

// Room for SQLite, JSON and the deepest handler, with a wide margin: untouched pages cost nothing.
constexpr std::size_t kFiberStackBytes = 1024 * 1024;

// The answer to a request that could not be read whole. A FHIR client gets an OperationOutcome
// like every other FHIR error.
Response unreadable_request_error(beast::error_code ec, const bhttp::request_parser<bhttp::string_body>& parser,
                                  const beast::flat_buffer& buffer) {
  std::string_view line(static_cast<const char*>(buffer.data().data()), buffer.size());
  const auto line_end = line.find("\r\n");
  line = line.substr(0, line_end);
  // The parsed target once the header was read whole (a body too large); otherwise the request
  // line as it still sits in the buffer.
  std::string_view target = parser.get().target();
  if (target.empty()) target = line.substr(std::min(line.size(), line.find(' ') + 1));
  const bool fhir = target.starts_with("/fhir");
  if (ec == bhttp::error::body_limit) return error_response(fhir, 413, "too-long", "the request body is too large");
  if (ec == bhttp::error::header_limit) {
    // No end of the request line within the limit: the target itself is too long (RFC 9110 414).
    // Only when what is buffered still starts with that line ("GET /..."): past one read, the
    // buffer may hold only header text, and a 70 KB header was answered 414 instead of 431.
    const auto space = line.find(' ');
    const bool request_line = space != std::string_view::npos && space > 0 && line.size() > space + 1 &&
                              line.substr(0, space).find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos &&
                              (line[space + 1] == '/' || line[space + 1] == '*' || line.substr(space + 1).starts_with("http"));
    if (line_end == std::string_view::npos && request_line)
      return error_response(fhir, 414, "too-long", "the request target is too long");
    return error_response(fhir, 431, "too-long", "the request headers are too large");
  }
  return error_response(fhir, 400, "structure", "the request is not valid HTTP/1.1");
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
      // TLS 1.2 only with forward secrecy and AEAD (Mozilla's "intermediate" suites); TLS 1.3's
      // own suites are all of that kind. OpenSSL's default list still offered static-RSA and
      // CBC/SHA-1 suites such as AES128-SHA.
      SSL_CTX_set_cipher_list(tls->native_handle(),
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                              "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
      tls->use_certificate_chain_file(config.tls_cert_file);
      tls->use_private_key_file(config.tls_key_file, net::ssl::context::pem);
    }
    tcp::endpoint endpoint{net::ip::make_address(config.host), config.port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(net::socket_base::max_listen_connections);
  }

  // One connection, on its own fiber: read a request, run the handler right here, write the
  // response. The handler suspends the fiber, not the thread, while it waits for the store or for
  // work it hands to the worker pool (FiberWaiter), so a few network threads serve every
  // connection and no thread is woken just to pass a request or an answer along.
  template <class Stream>
  void session(Stream& stream, const std::string& client, net::yield_context yield) {
    FiberWaiter waiter(yield, workers);
    beast::flat_buffer buffer;
    const bool secure = tls != nullptr;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(config.max_body_bytes);
      parser.header_limit(32 * 1024);
      beast::get_lowest_layer(stream).expires_after(config.request_timeout);
      beast::error_code ec;
      bhttp::async_read(stream, buffer, parser, yield[ec]);
      if (ec) {
        // Parse errors (Beast's http category) get an answer; a closed or timed-out socket does not.
        const bool parse_error = ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
        if (parse_error) {
          auto res = to_beast(unreadable_request_error(ec, parser, buffer), 11, false, false);
          bhttp::async_write(stream, res, yield[ec]);
        }
        break;
      }
      ++in_flight;
      struct Done {  // counted out however the request ends, so a drain never waits for it
        std::atomic<int>& n;
        ~Done() { --n; }
      } done{in_flight};
      auto raw = parser.release();
      const bool head = raw.method() == bhttp::verb::head;
      const unsigned version = raw.version();
      const bool keep_alive = raw.keep_alive() && !stopping;
      Request request = to_request(raw, client, secure);
      if (head) request.method = "GET";
      request.client_gone = [fd = beast::get_lowest_layer(stream).socket().native_handle()] { return peer_hung_up(fd); };
      Response response;
      {
        WaiterScope scope(&waiter);
        response = handler(std::move(request));
      }
      auto res = to_beast(std::move(response), version, keep_alive, head);
      beast::get_lowest_layer(stream).expires_after(config.request_timeout);
      bhttp::async_write(stream, res, yield[ec]);
      if (ec || !keep_alive) break;
    }
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Each connection's fiber gets its own stack with a guard page below it, so an overflow faults
  // instead of overwriting another connection's memory. Pages are only used as touched.
  void start_session(beast::tcp_stream plain, std::string client) {
    auto executor = plain.get_executor();
    auto ended = [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        spdlog::debug("connection ended: {}", ex.what());
      } catch (...) {
        spdlog::warn("connection ended by an exception that is not a std::exception");
      }
    };
    net::spawn(
        executor, std::allocator_arg, boost::context::protected_fixedsize_stack(kFiberStackBytes),
        [this, plain = std::move(plain), client = std::move(client)](net::yield_context yield) mutable {
          if (!tls) return session(plain, client, yield);
          beast::ssl_stream<beast::tcp_stream> stream(std::move(plain), *tls);
          beast::get_lowest_layer(stream).expires_after(config.request_timeout);
          beast::error_code ec;
          stream.async_handshake(net::ssl::stream_base::server, yield[ec]);
          if (!ec) session(stream, client, yield);
        },
        ended);
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
      try {
        start_session(beast::tcp_stream(std::move(socket)), ignored ? "unknown" : endpoint.address().to_string());
      } catch (const std::exception& e) {  // e.g. no memory for another fiber's stack: refuse this one, keep accepting
        spdlog::warn("cannot serve a new connection: {}", e.what());
      }
    }
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
    if (config.on_stopping) config.on_stopping();
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
