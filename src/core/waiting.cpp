#include "core/waiting.hpp"

#include <exception>
#include <future>
#include <memory>

namespace relief {
namespace {

thread_local Waiter* current_waiter = nullptr;

// A fiber may suspend on one thread and resume on another. The compiler may keep the address
// of a thread_local across a call it cannot see into, so every access goes through these
// out-of-line functions, which look the variable up afresh on the thread they run on.
[[gnu::noinline]] Waiter* current() { return current_waiter; }
[[gnu::noinline]] void set_current(Waiter* waiter) { current_waiter = waiter; }

}  // namespace

WaiterScope::WaiterScope(Waiter* waiter) { set_current(waiter); }
WaiterScope::~WaiterScope() { set_current(nullptr); }

void wait_for(const std::function<void(Resume)>& start) {
  if (Waiter* waiter = current()) {
    set_current(nullptr);  // this thread serves other connections while the fiber waits
    try {
      waiter->wait(start);
    } catch (...) {
      set_current(waiter);
      throw;
    }
    set_current(waiter);  // resumed, perhaps on another network thread
    return;
  }
  // The promise lives as long as the resume callback, which may still be returning on the
  // other thread after this one has woken.
  auto done = std::make_shared<std::promise<void>>();
  auto ready = done->get_future();
  start([done] { done->set_value(); });
  ready.get();
}

void run_blocking(const std::function<void()>& work) {
  Waiter* waiter = current();
  if (!waiter) {
    work();
    return;
  }
  std::exception_ptr failure;
  wait_for([&](Resume resume) {
    waiter->offload([&work, &failure, resume = std::move(resume)] {
      try {
        work();
      } catch (...) {
        failure = std::current_exception();
      }
      resume();
    });
  });
  if (failure) std::rethrow_exception(failure);
}

}  // namespace relief
