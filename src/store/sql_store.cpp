// The Store over a SqlConnection: one writer thread that group-commits, and a pool of readers.
//
// On SQLite the group commit is pipelined. The writer commits a group with synchronous=NORMAL
// (the commit appends the group's frames to the write-ahead log and does not wait for the disk)
// and hands the group to a syncer thread, which fdatasyncs the log and only then answers the
// group's waiting callers; meanwhile the writer already runs the next group's SQL, in an open
// transaction that it commits when the syncer is free. One fsync covers every group committed
// before it, since the log is one file written in order.
//
// Durability: a write() returns only after the log frames of its commit are on stable storage,
// exactly as with synchronous=FULL; an fsync error fails every write not yet answered and all
// later ones (the store must be reopened, as the page cache may have dropped the failed pages).
// What differs is visibility: a reader, or a later write, may see a committed group for a few
// milliseconds before it is durable. A crash then loses that group, but never anything that was
// acknowledged; and a write acknowledged after another was committed after it, so no
// acknowledged write can depend on a lost one.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/waiting.hpp"
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
// Each checkpoint ends with an fsync of the database file, which the disk serves before the
// log's next fsync: every 200 ms that put the create benchmark's p99 at 18-25 ms, every 500 ms
// at 9-10 ms (docs/performance.md).
// A passive checkpoint never makes the log start over: SQLite restarts it only when a write
// begins while every frame is already copied back, which under steady writes never happens
// (an operator saw it reach 666 MB in 20 s). So once the log passes `limit` bytes a RESTART
// checkpoint copies the rest and holds new writes back until the next write can start at the
// beginning; the writer's journal_size_limit then trims the file back to `limit`.
class BackgroundCheckpointer {
  static constexpr std::chrono::milliseconds kInterval{500};
  // The log's size is looked at more often: at 60 MB/s of writes (the create benchmark) half a
  // second would let it pass the limit by 30 MB.
  static constexpr std::chrono::milliseconds kSizeInterval{50};

 public:
  BackgroundCheckpointer(std::unique_ptr<SqlConnection> conn, std::string wal_path, std::int64_t limit)
      : conn_(std::move(conn)), wal_path_(std::move(wal_path)), limit_(limit) {
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      auto last = std::chrono::steady_clock::now();
      while (!stop_) {
        cv_.wait_for(lock, kSizeInterval);
        if (stop_) break;
        lock.unlock();
        try {
          std::error_code ec;
          auto size = wal_path_.empty() ? 0 : std::filesystem::file_size(wal_path_, ec);
          if (!ec && static_cast<std::int64_t>(size) > limit_) {
            // Most frames are copied back without holding writers up; the restart then has
            // only the last few to copy while new writes wait.
            conn_->exec_script("PRAGMA wal_checkpoint(PASSIVE)");
            conn_->exec_script("PRAGMA wal_checkpoint(RESTART)");
            last = std::chrono::steady_clock::now();
          } else if (std::chrono::steady_clock::now() - last >= kInterval) {
            conn_->exec_script("PRAGMA wal_checkpoint(PASSIVE)");
            last = std::chrono::steady_clock::now();
          }
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
  std::string wal_path_;
  std::int64_t limit_;
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
    wal_path_ = writer_->defer_commit_sync();
    if (checkpoint_connection)
      checkpointer_ = std::make_unique<BackgroundCheckpointer>(std::move(checkpoint_connection), wal_path_,
                                                               options_.wal_limit_bytes);
    if (!wal_path_.empty()) syncer_ = std::thread([this] { syncer_loop(); });
    thread_ = std::thread([this] { wal_path_.empty() ? writer_loop() : pipelined_writer_loop(); });
  }

  ~SqlStore() override { close(); }

  Dialect dialect() const override { return writer_->dialect(); }
  const std::string& site_id() const override { return options_.site_id; }

  void read(const std::function<void(Reader&)>& f) override {
    // A pooled connection that died with its database server (PostgreSQL restarted) fails on its
    // first statement: it is dropped and the read begins once more on a new one. Nothing has been
    // read yet, so nothing is read twice. Each dead connection used to cost a client a 503.
    for (int attempt = 0;; ++attempt) {
      ConnectionPool::Lease lease(readers_, readers_.take());
      SqlConnection& db = *lease;
      try {
        db.exec_script("BEGIN");
      } catch (const SqlError&) {
        lease.discard();
        if (attempt == 0) continue;
        throw;
      } catch (...) {
        lease.discard();
        throw;
      }
      // One transaction, so everything f reads comes from one consistent snapshot.
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
      return;
    }
  }

  // Waits for the group commit without holding a thread when called on a server fiber
  // (core/waiting.hpp): the syncer's answer resumes the fiber on its network thread.
  void write(const Actor& actor, const std::function<void(Transaction&)>& f) override {
    Job job{&actor, &f, {}, {}};
    wait_for([&](Resume resume) {
      job.done = std::move(resume);
      bool wake = true, refused = false;
      {
        std::lock_guard lock(mu_);
        if (closing_ || sync_failed_) {
          refused = true;
          job.error = std::make_exception_ptr(
              SqlError(closing_ ? "the store is shutting down; try again shortly" : kSyncFailed));
        } else {
          queue_.push_back(&job);
          // While the syncer is busy the (pipelined) writer only wants waking for a batch worth
          // running, not for every write: each wake-up is a context switch.
          wake = wal_path_.empty() || !syncer_busy_for_writer() || static_cast<int>(queue_.size()) >= kWakeBatch;
        }
      }
      // Once queued, the job belongs to the writer and syncer until they answer it: not a field
      // of it may be read here, or the answer could race with this thread.
      if (refused) {
        Resume answer = std::move(job.done);
        answer();
        return;
      }
      if (wake) cv_.notify_one();
    });
    if (job.error) std::rethrow_exception(job.error);  // f's exception, or the commit's
  }

  StoreStats stats() const override {
    return StoreStats{commits_.load(), grouped_writes_.load(), failed_writes_.load(), syncs_.load(), sync_failed_.load()};
  }

  void close() override {
    {
      std::lock_guard lock(mu_);
      if (closing_) return;
      closing_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    // The writer has handed over its last group; the syncer makes it durable and answers it.
    if (syncer_.joinable()) {
      {
        std::lock_guard lock(mu_);
        sync_stop_ = true;
      }
      sync_cv_.notify_one();
      syncer_.join();
    }
    if (wal_fd_ >= 0) ::close(wal_fd_);
    wal_fd_ = -1;
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
    Resume done;  // answers the caller; the job lives on the caller's stack until then
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
      commit_group(group);  // the COMMIT itself is durable (synchronous=FULL, PostgreSQL)
      finish(group);
    }
  }

  // SQLite: the writer keeps one transaction open while the syncer is busy with the previous
  // commit, running each queued write in it as it arrives, and commits as soon as the syncer is
  // free (or the group is full), so one COMMIT and one fsync carry everything that gathered
  // during the previous fsync.
  void pipelined_writer_loop() {
    SqlConnection& db = *writer_;
    std::vector<Job*> group;  // run in the open transaction, not committed yet
    bool in_tx = false;
    auto fail_all = [&](std::vector<Job*>& jobs, std::exception_ptr failure) {
      for (Job* job : jobs)
        if (!job->error) job->error = failure;
      finish(jobs);
      jobs.clear();
    };
    for (;;) {
      std::vector<Job*> batch;
      bool commit_now;
      {
        std::unique_lock lock(mu_);
        auto syncer_free = [&] { return !syncer_busy_for_writer(); };
        cv_.wait(lock, [&] {
          return static_cast<int>(queue_.size()) >= kWakeBatch || closing_ ||
                 ((in_tx || !queue_.empty()) && syncer_free());
        });
        if (!in_tx && queue_.empty()) return;  // closing, and every write has been committed
        // Writes already run commit as soon as the syncer is free; writes queued meanwhile run
        // after, during that commit's fsync, instead of delaying it.
        const bool commit_first = in_tx && syncer_free();
        while (!commit_first && !queue_.empty() && static_cast<int>(group.size() + batch.size()) < options_.max_group) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
        commit_now = syncer_free() || static_cast<int>(group.size() + batch.size()) >= options_.max_group ||
                     (closing_ && queue_.empty());
      }
      if (!batch.empty() && sync_failed_) {
        fail_all(batch, std::make_exception_ptr(SqlError(kSyncFailed)));
      } else if (!batch.empty()) {
        try {
          if (!in_tx) db.exec_script("BEGIN IMMEDIATE");
          in_tx = true;
          for (Job* job : batch) {
            group.push_back(job);
            run_job(db, *job);
          }
        } catch (...) {  // the connection failed: nothing of the open transaction commits
          auto failure = std::current_exception();
          rollback(db);
          in_tx = false;
          for (Job* job : batch)
            if (std::find(group.begin(), group.end(), job) == group.end()) group.push_back(job);
          fail_all(group, failure);
          continue;
        }
      }
      if (!in_tx || !commit_now) continue;
      try {
        db.exec_script("COMMIT");
        ++commits_;
      } catch (...) {
        auto failure = std::current_exception();
        rollback(db);
        in_tx = false;
        fail_all(group, failure);
        continue;
      }
      in_tx = false;
      {
        std::lock_guard lock(mu_);
        committed_.push_back(std::move(group));
      }
      group.clear();
      sync_cv_.notify_one();
    }
  }

  // Under mu_: the syncer has a round to sync or answer, so a COMMIT now would only wait.
  bool syncer_busy_for_writer() const { return syncer_busy_ || !committed_.empty(); }
  static constexpr int kWakeBatch = 16;

  static constexpr const char* kSyncFailed = "the store could not make earlier writes durable; it must be restarted";

  // One write in its own savepoint; its own failure is recorded in the job, a connection failure
  // (the savepoint cannot even be rolled back) propagates.
  void run_job(SqlConnection& db, Job& job) {
    db.execute("SAVEPOINT job");  // prepared once: this runs for every write
    try {
      Transaction tx(db, *job.actor, options_.site_id);
      (*job.fn)(tx);
      db.execute("RELEASE SAVEPOINT job");
    } catch (...) {
      job.error = std::current_exception();
      db.exec_script("ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job");
    }
  }

  static void rollback(SqlConnection& db) {
    try {
      db.exec_script("ROLLBACK");
    } catch (...) {
    }
  }

  // Answers a group's callers; counts its writes.
  void finish(const std::vector<Job*>& group) {
    for (Job* job : group) {
      ++(job->error ? failed_writes_ : grouped_writes_);
      // Once answered, the caller may return and free the job at once: take the answer out first.
      Resume answer = std::move(job->done);
      answer();
    }
  }

  // Takes every group committed since its last fsync, syncs the log once, then answers them all.
  void syncer_loop() {
    for (;;) {
      std::vector<std::vector<Job*>> groups;
      {
        std::unique_lock lock(mu_);
        if (syncer_busy_) {  // the previous round is answered: the writer may commit again
          syncer_busy_ = false;
          cv_.notify_one();
        }
        sync_cv_.wait(lock, [&] { return !committed_.empty() || sync_stop_; });
        if (committed_.empty()) return;  // stopping, and every committed group has been answered
        groups.swap(committed_);
        syncer_busy_ = true;
      }
      bool wrote = false;
      for (auto& group : groups)
        for (Job* job : group) wrote |= !job->error;
      std::exception_ptr failure;
      if (sync_failed_) {
        failure = std::make_exception_ptr(SqlError(kSyncFailed));
      } else if (wrote) {
        try {
          sync_wal();
          ++syncs_;
        } catch (...) {
          failure = std::current_exception();
          sync_failed_ = true;  // never acknowledge anything after a failed fsync
        }
      }
      for (auto& group : groups) {
        if (failure)
          for (Job* job : group)
            if (!job->error) job->error = failure;
        finish(group);
      }
    }
  }

  void sync_wal() {
    if (wal_fd_ < 0) {
      // Opened only now, after a commit: the log exists once the writer has committed (SQLite
      // creates it with O_CREAT itself; it is never created here) and stays the same file while
      // the writer connection is open: a checkpoint restarts or truncates it in place, and SQLite
      // deletes it only when the last connection closes.
      int fd = ::open(wal_path_.c_str(), O_RDWR | O_CLOEXEC);
      if (fd < 0) throw SqlError("cannot open the write-ahead log '" + wal_path_ + "': " + std::strerror(errno));
      // SQLite syncs the directory entry of a new log only in its own first sync of it.
      auto dir = std::filesystem::path(wal_path_).parent_path();
      int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      int rc = dfd < 0 ? -1 : ::fsync(dfd);
      int err = errno;
      if (dfd >= 0) ::close(dfd);
      if (rc != 0 && err != EINVAL) {
        ::close(fd);
        throw SqlError("cannot sync the directory of '" + wal_path_ + "': " + std::strerror(err));
      }
      wal_fd_ = fd;
    }
    // fdatasync through this descriptor flushes the file's pages whoever wrote them, and the
    // size when the log grew: every frame committed so far, header included.
    while (::fdatasync(wal_fd_) != 0) {
      if (errno == EINTR) continue;
      throw SqlError(std::string("fsync of the write-ahead log failed: ") + std::strerror(errno));
    }
  }

  // Each job runs inside its own savepoint: a job that throws is undone alone.
  void commit_group(std::vector<Job*>& group) {
    SqlConnection& db = *writer_;
    try {
      const char* begin = db.dialect() == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN";
      try {
        db.exec_script(begin);
      } catch (const SqlError&) {
        // The connection died with its server (PostgreSQL restarted) and the failure reset it;
        // nothing of the group has run, so it begins once more rather than failing every write
        // in it.
        db.exec_script(begin);
      }
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
  std::atomic<bool> sync_failed_{false};
  // Pipelined commit (SQLite): the log to sync, and the groups committed but not yet synced.
  std::string wal_path_;
  int wal_fd_ = -1;  // the syncer's alone until it is joined
  std::thread syncer_;
  std::condition_variable sync_cv_;                // under mu_, like the fields below
  std::vector<std::vector<Job*>> committed_;       // handed to the syncer
  bool syncer_busy_ = false;                       // syncing and answering a round
  bool sync_stop_ = false;
  std::atomic<std::uint64_t> commits_{0}, grouped_writes_{0}, failed_writes_{0}, syncs_{0};
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
    writer->exec_script("PRAGMA journal_size_limit=" + std::to_string(options.wal_limit_bytes));
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
