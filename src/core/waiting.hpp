#pragma once
// How code deep inside a request waits for another thread: for the store's writer to make a
// write durable, or for a worker to finish a password hash or a solver run.
//
// The server runs each connection on a fiber (a stackful coroutine) on one of a few network
// threads. A fiber that blocked its thread would stall every connection that thread serves, so
// while a fiber runs the server installs a Waiter for it, and the functions below suspend the
// fiber instead of the thread: the thread serves other connections meanwhile, and no thread is
// woken just to hand a result back. Everywhere else (tests, the CLI, worker threads) they block.
#include <functional>

namespace relief {

using Resume = std::function<void()>;

class Waiter {
 public:
  virtual ~Waiter() = default;
  // Calls start(resume) and returns once resume() has been called, once, from any thread.
  virtual void wait(const std::function<void(Resume)>& start) = 0;
  // Queues work on a thread that may be held for long.
  virtual void offload(std::function<void()> work) = 0;
};

// Installs `waiter` as the calling thread's Waiter until the scope ends.
class WaiterScope {
 public:
  explicit WaiterScope(Waiter* waiter);
  ~WaiterScope();
  WaiterScope(const WaiterScope&) = delete;
  WaiterScope& operator=(const WaiterScope&) = delete;
};

// Calls start(resume) and returns once resume() has been called (from any thread, once).
// start may throw only before it has handed resume to anyone; the exception then comes out of
// wait_for. Once handed on, the caller's state may be touched only by whoever calls resume.
void wait_for(const std::function<void(Resume)>& start);

// Runs work where holding a thread for long harms no one (a worker, off the network threads)
// and returns once it is done, rethrowing its exception. Outside a fiber it runs in place.
void run_blocking(const std::function<void()>& work);

}  // namespace relief
