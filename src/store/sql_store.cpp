// The Store over a SqlConnection: one writer thread that group-commits, and a pool of readers.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "store/schema.hpp"
#include "store/store.hpp"

namespace relief {
namespace {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<SqlConnection>()>;
  ConnectionPool(Factory factory, int max) : factory_(std::move(factory)), max_(max) {}

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<SqlConnection> c) : pool_(pool), conn_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(conn_)); }
    SqlConnection& operator*() { return *conn_; }
    void discard() { conn_.reset(); }  // a broken connection is not returned to the pool

   private:
    ConnectionPool& pool_;
    std::unique_ptr<SqlConnection> conn_;
  };

  std::unique_ptr<SqlConnection> take() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
    ++open_;
    lock.unlock();
    try {
      return factory_();
    } catch (...) {
      std::lock_guard relock(mu_);
      --open_;
      cv_.notify_one();
      throw;
    }
  }

  void give_back(std::unique_ptr<SqlConnection> c) {
    std::lock_guard lock(mu_);
    if (c) idle_.push_back(std::move(c));
    else --open_;
    cv_.notify_one();
  }

 private:
  Factory factory_;
  int max_;
  int open_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqlConnection>> idle_;
};

// SQLite copies the write-ahead log back into the database ("checkpoint") inside whichever
// commit crosses its threshold, which would stall a whole group of waiting writers behind extra
// fsyncs. Here a background connection checkpoints instead, without blocking the writer.
class BackgroundCheckpointer {
 public:
  explicit BackgroundCheckpointer(std::unique_ptr<SqlConnection> conn) : conn_(std::move(conn)) {
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      while (!stop_) {
        cv_.wait_for(lock, std::chrono::milliseconds(200));
        if (stop_) break;
        lock.unlock();
        try {
          conn_->exec_script("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception&) {
          // Busy or locked now: the next round tries again; the log only grows meanwhile.
        }
        lock.lock();
      }
    });
  }
  ~BackgroundCheckpointer() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }

 private:
  std::unique_ptr<SqlConnection> conn_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConnection> writer, ConnectionPool::Factory reader_factory, StoreOptions options,
           std::unique_ptr<SqlConnection> checkpoint_connection)
      : writer_(std::move(writer)), readers_(std::move(reader_factory), options.read_connections),
        options_(std::move(options)) {
    if (checkpoint_connection) checkpointer_ = std::make_unique<BackgroundCheckpointer>(std::move(checkpoint_connection));
    thread_ = std::thread([this] { writer_loop(); });
  }

  ~SqlStore() override { close(); }

  Dialect dialect() const override { return writer_->dialect(); }
  const std::string& site_id() const override { return options_.site_id; }

  void read(const std::function<void(Reader&)>& f) override {
    ConnectionPool::Lease lease(readers_, readers_.take());
    SqlConnection& db = *lease;
    // One transaction, so everything f reads comes from one consistent snapshot.
    try {
      db.exec_script("BEGIN");
    } catch (...) {
      lease.discard();
      throw;
    }
    try {
      Reader reader(db);
      f(reader);
      db.exec_script("COMMIT");
    } catch (...) {
      try {
        db.exec_script("ROLLBACK");
      } catch (...) {
        lease.discard();
      }
      throw;
    }
  }

  void write(const Actor& actor, const std::function<void(Transaction&)>& f) override {
    Job job{&actor, &f, {}, {}};
    auto done = job.done.get_future();
    {
      std::lock_guard lock(mu_);
      if (closing_) throw SqlError("the store is shutting down; try again shortly");
      queue_.push_back(&job);
    }
    cv_.notify_one();
    done.get();  // rethrows f's exception, or the commit's
  }

  StoreStats stats() const override {
    return StoreStats{commits_.load(), grouped_writes_.load(), failed_writes_.load()};
  }

  void close() override {
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
      closing_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    checkpointer_.reset();
    if (writer_->dialect() == Dialect::sqlite) {
      try {
        writer_->exec_script("PRAGMA wal_checkpoint(TRUNCATE)");  // leave a tidy file behind
      } catch (const std::exception&) {
      }
    }
  }

 private:
  struct Job {
    const Actor* actor;
    const std::function<void(Transaction&)>* fn;
    std::promise<void> done;
    std::exception_ptr error;
  };

  void writer_loop() {
    for (;;) {
      std::vector<Job*> group;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;  // closing, and every queued write has been committed
        while (!queue_.empty() && static_cast<int>(group.size()) < options_.max_group) {
          group.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      commit_group(group);
      for (Job* job : group) {
        if (job->error) job->done.set_exception(job->error);
        else job->done.set_value();
      }
    }
  }

  // Each job runs inside its own savepoint: a job that throws is undone alone.
  void commit_group(std::vector<Job*>& group) {
    SqlConnection& db = *writer_;
    try {
      db.exec_script(db.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
      for (Job* job : group) {
        db.execute("SAVEPOINT job");  // prepared once: this runs for every write
        try {
          Transaction tx(db, *job->actor, options_.site_id);
          (*job->fn)(tx);
          db.execute("RELEASE SAVEPOINT job");
        } catch (...) {
          job->error = std::current_exception();
          // If the connection itself failed this throws too, and the whole group fails below.
          db.exec_script("ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job");
        }
      }
      db.exec_script("COMMIT");
      ++commits_;
    } catch (...) {
      auto failure = std::current_exception();
      try {
        db.exec_script("ROLLBACK");
      } catch (...) {
      }
      for (Job* job : group)
        if (!job->error) job->error = failure;
    }
    for (Job* job : group) {
      if (job->error) ++failed_writes_;
      else ++grouped_writes_;
    }
  }

  std::unique_ptr<SqlConnection> writer_;
  std::unique_ptr<BackgroundCheckpointer> checkpointer_;
  ConnectionPool readers_;
  StoreOptions options_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job*> queue_;
  bool closing_ = false;
  std::atomic<std::uint64_t> commits_{0}, grouped_writes_{0}, failed_writes_{0};
};

}  // namespace

std::unique_ptr<Store> Store::open(const std::string& url, StoreOptions options) {
  std::unique_ptr<SqlConnection> writer, checkpointer;
  ConnectionPool::Factory readers;
  if (is_postgres_url(url)) {
    writer = open_postgres(url);
    readers = [url] { return open_postgres(url); };
  } else {
    writer = open_sqlite(url, true);
    writer->exec_script("PRAGMA wal_autocheckpoint=0");
    checkpointer = open_sqlite(url, true);
    readers = [url] { return open_sqlite(url, false); };
  }
  migrate(*writer);
  if (options.site_id.empty()) {
    auto rows = writer->query("SELECT id FROM sites ORDER BY id LIMIT 1");
    options.site_id = rows.empty() ? "main" : rows[0].text(0);
  }
  return std::make_unique<SqlStore>(std::move(writer), std::move(readers), std::move(options), std::move(checkpointer));
}

}  // namespace relief
