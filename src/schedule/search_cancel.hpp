#pragma once
// A server that is shutting down stops every schedule search at once: each solve then returns the
// best plan it has found, and its client gets that answer, instead of the shutdown waiting up to
// a minute for solves to run out their time limits (an operator measured 23-37 s for one solve).
namespace relief::schedule {

void cancel_all_searches();     // for good: the process is stopping
bool searches_cancelled();

}  // namespace relief::schedule
