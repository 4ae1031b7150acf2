#pragma once
// Schedule searches stop early, returning the best plan found so far, in two cases:
// - the server is shutting down: every search stops at once, and its client gets that answer
//   instead of the shutdown waiting up to a minute for solves to run out their time limits (an
//   operator measured 23-37 s for one solve);
// - the client that asked for this search has hung up: nobody will read the answer, and the
//   solve would hold one of the server's few solver slots (one per core) until its time limit.
#include <functional>

namespace relief::schedule {

void cancel_all_searches();  // for good: the process is stopping
bool searches_cancelled();   // either case, for the searches on this thread

// While it lives, the searches on this thread also stop once `gone` answers true. It is asked
// at most every 50 ms (it may be a system call) and stays true once it has been.
class StopWhenGone {
 public:
  explicit StopWhenGone(std::function<bool()> gone);
  ~StopWhenGone();
  StopWhenGone(const StopWhenGone&) = delete;
  StopWhenGone& operator=(const StopWhenGone&) = delete;

 private:
  std::function<bool()> outer_;  // restored when this scope ends
};

}  // namespace relief::schedule
