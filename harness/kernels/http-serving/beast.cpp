// The http-serving kernel in C++: Boost.Beast (Boost 1.74, Debian's libboost-dev) on Boost.Asio,
// asynchronous, with the two TechEmpower-style endpoints: GET /plaintext (fixed bytes) and GET /json
// (a small object serialized with nlohmann::json, Debian's nlohmann-json3-dev, on every request).
// Invoked as `beast PORT ENDPOINT` (ENDPOINT names the path the harness loads; both are always
// served); listens on 127.0.0.1:PORT only and runs until it is signalled. Runs the io_context on
// CLAIMBENCH_THREADS threads (default 1), like the other implementations' event loops.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

static const std::string PLAINTEXT = "Hello, World!";

static http::response<http::string_body> answer(const http::request<http::string_body>& req) {
  http::response<http::string_body> res;
  res.version(req.version());
  res.keep_alive(req.keep_alive());
  if (req.method() == http::verb::get && req.target() == "/plaintext") {
    res.result(http::status::ok);
    res.set(http::field::content_type, "text/plain");
    res.body() = PLAINTEXT;
  } else if (req.method() == http::verb::get && req.target() == "/json") {
    res.result(http::status::ok);
    res.set(http::field::content_type, "application/json");
    res.body() = nlohmann::json{{"message", "Hello, World!"}}.dump();
  } else {
    res.result(http::status::not_found);
    res.set(http::field::content_type, "text/plain");
    res.body() = "not found";
  }
  res.prepare_payload();
  return res;
}

// One keep-alive connection: read a request, write its answer, repeat until the client closes.
class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket socket) : stream_(std::move(socket)) {}
  void start() { read(); }

 private:
  void read() {
    req_ = {};
    http::async_read(stream_, buffer_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->res_ = answer(self->req_);
      http::async_write(self->stream_, self->res_, [self](beast::error_code ec, std::size_t) {
        if (ec || !self->res_.keep_alive()) return self->close();
        self->read();
      });
    });
  }
  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
};

static void accept(tcp::acceptor& acceptor) {
  acceptor.async_accept([&acceptor](beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket))->start();
    }
    accept(acceptor);
  });
}

static int usage(const char* what) {
  std::fprintf(stderr, "usage: beast PORT ENDPOINT (%s)\n", what);
  return 2;
}

int main(int argc, char** argv) {
  char* end = nullptr;
  long port = argc > 1 ? std::strtol(argv[1], &end, 10) : 0;
  if (argc < 2 || *end != '\0' || port < 1 || port > 65535) return usage("PORT: an integer from 1 to 65535");
  if (argc != 3 || (std::strcmp(argv[2], "plaintext") != 0 && std::strcmp(argv[2], "json") != 0)) return usage("ENDPOINT: plaintext or json");
  const char* env = std::getenv("CLAIMBENCH_THREADS");
  int threads = env ? std::atoi(env) : 1;
  if (threads < 1) threads = 1;

  asio::io_context ioc{threads};
  tcp::acceptor acceptor{ioc};
  beast::error_code ec;
  tcp::endpoint where{asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)};
  acceptor.open(where.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(where, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    std::fprintf(stderr, "cannot listen on 127.0.0.1:%ld: %s\n", port, ec.message().c_str());
    return 1;
  }
  accept(acceptor);
  std::vector<std::thread> extra;
  for (int i = 1; i < threads; i++) extra.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : extra) t.join();
  return 0;
}
