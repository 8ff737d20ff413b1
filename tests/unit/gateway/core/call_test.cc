// Call: the request side of a chain (in order; Stop; Pending and Resume from another thread, or
// from inside OnRequest), every stage's end in reverse with the right `passed` flag, the observer
// told exactly once, request and response inspection, work in flight, and End exactly once.
#include "gateway/core/call.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <absl/synchronization/mutex.h>
#include <absl/synchronization/notification.h>
#include <google/protobuf/arena.h>
#include <gtest/gtest.h>

#include "ndxp/population/v1/population.pb.h"

namespace ndxp::core {
namespace {

using population::v1::GetCitizenRequest;
using population::v1::GetCitizenResponse;

// What happened, in order, across threads.
class Journal {
 public:
  void Add(std::string event) {
    absl::MutexLock lock(&mu_);
    events_.push_back(std::move(event));
  }
  std::vector<std::string> events() const {
    absl::MutexLock lock(&mu_);
    return events_;
  }
  void Clear() {
    absl::MutexLock lock(&mu_);
    events_.clear();
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<std::string> events_;
};

// A stage whose request side is a script; it records what runs.
class ScriptedStage : public Stage {
 public:
  ScriptedStage(std::string name, Journal& journal) : name_(std::move(name)), journal_(journal) {}

  std::function<Verdict(Call&)> on_request;
  std::function<absl::Status(Call&, const google::protobuf::Message&)> on_request_message;
  std::function<absl::Status(Call&, google::protobuf::Message&)> on_response_message;
  bool inspect_requests = false;
  bool inspect_responses = false;

  std::string_view name() const override { return name_; }
  Verdict OnRequest(Call& call) override {
    journal_.Add(name_ + ".request");
    return on_request ? on_request(call) : Verdict::Continue();
  }
  void OnEnd(const Call& call, bool passed) override {
    journal_.Add(name_ + ".end(" + (passed ? "passed" : "not passed") + ")");
  }
  bool inspects_requests() const override { return inspect_requests; }
  absl::Status OnRequestMessage(Call& call, const google::protobuf::Message& request) override {
    journal_.Add(name_ + ".request_message");
    return on_request_message ? on_request_message(call, request) : absl::OkStatus();
  }
  bool inspects_responses() const override { return inspect_responses; }
  absl::Status OnResponseMessage(Call& call, google::protobuf::Message& response) override {
    journal_.Add(name_ + ".response_message");
    return on_response_message ? on_response_message(call, response) : absl::OkStatus();
  }

 private:
  std::string name_;
  Journal& journal_;
};

// Counts the decisions and lets a test wait for the first.
class RecordingObserver : public CallObserver {
 public:
  void OnAdmitted() override {
    absl::MutexLock lock(&mu_);
    ++admitted_;
    thread_ = std::this_thread::get_id();
  }
  void OnRefused(const absl::Status& status) override {
    absl::MutexLock lock(&mu_);
    ++refused_;
    status_ = status;
    thread_ = std::this_thread::get_id();
  }
  bool WaitForDecision(absl::Duration bound = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    auto decided = [this] { return admitted_ + refused_ > 0; };
    return mu_.AwaitWithTimeout(absl::Condition(&decided), bound);
  }
  int admitted() const {
    absl::MutexLock lock(&mu_);
    return admitted_;
  }
  int refused() const {
    absl::MutexLock lock(&mu_);
    return refused_;
  }
  absl::Status status() const {
    absl::MutexLock lock(&mu_);
    return status_;
  }
  std::thread::id thread() const {
    absl::MutexLock lock(&mu_);
    return thread_;
  }

 private:
  mutable absl::Mutex mu_;
  int admitted_ = 0;
  int refused_ = 0;
  absl::Status status_;
  std::thread::id thread_;
};

// One thread running posted tasks in order: "another thread" for Resume.
class Worker {
 public:
  Worker() : thread_([this] { Loop(); }) {}
  ~Worker() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  void Post(std::function<void()> task) {
    {
      std::lock_guard lock(mu_);
      tasks_.push_back(std::move(task));
    }
    cv_.notify_one();
  }
  std::thread::id id() const { return thread_.get_id(); }

 private:
  void Loop() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return done_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool done_ = false;
  std::thread thread_;
};

class CallTest : public testing::Test {
 protected:
  // Three stages a, b, c.
  CallTest() : a_("a", journal_), b_("b", journal_), c_("c", journal_) {}
  Chain Abc() { return Chain({&a_, &b_, &c_}); }

  Journal journal_;
  ScriptedStage a_, b_, c_;
  RecordingObserver observer_;
  NoRequestHeaders headers_;
};

using Events = std::vector<std::string>;

TEST_F(CallTest, StagesRunInOrderThenEveryEndInReverse) {
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  EXPECT_EQ(observer_.admitted(), 1);
  EXPECT_EQ(observer_.refused(), 0);
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request", "c.request"}));
  journal_.Clear();
  EXPECT_FALSE(call.ended());
  call.End(absl::StatusCode::kOk);
  EXPECT_TRUE(call.ended());
  EXPECT_EQ(call.context().code, absl::StatusCode::kOk);
  EXPECT_GE(call.context().end, call.context().start);
  EXPECT_EQ(journal_.events(), (Events{"c.end(passed)", "b.end(passed)", "a.end(passed)"}));
}

TEST_F(CallTest, StopRefusesWithItsStatusAndLaterStagesDoNotRun) {
  b_.on_request = [](Call&) { return Verdict::Stop(absl::PermissionDeniedError("not allowed")); };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  EXPECT_EQ(observer_.admitted(), 0);
  EXPECT_EQ(observer_.refused(), 1);
  EXPECT_EQ(observer_.status(), absl::PermissionDeniedError("not allowed"));
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request"}));
  journal_.Clear();
  call.End(absl::StatusCode::kPermissionDenied);
  // b ran but stopped the call: it did not let it through.
  EXPECT_EQ(journal_.events(), (Events{"c.end(not passed)", "b.end(not passed)", "a.end(passed)"}));
  EXPECT_EQ(call.context().code, absl::StatusCode::kPermissionDenied);
}

TEST_F(CallTest, ACallRefusedBeforeTheChainStillEndsEveryStage) {
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.End(absl::StatusCode::kResourceExhausted);  // the listener refused it; Start never ran
  EXPECT_EQ(journal_.events(),
            (Events{"c.end(not passed)", "b.end(not passed)", "a.end(not passed)"}));
  EXPECT_EQ(observer_.admitted() + observer_.refused(), 0);
}

TEST_F(CallTest, EndTwiceRunsOnce) {
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  call.End(absl::StatusCode::kOk);
  journal_.Clear();
  call.End(absl::StatusCode::kInternal);
  EXPECT_TRUE(journal_.events().empty());
  EXPECT_EQ(call.context().code, absl::StatusCode::kOk);  // the first answer stands
}

TEST_F(CallTest, AnEmptyChainAdmitsAtOnce) {
  Chain chain;
  Call call(chain, observer_, headers_);
  call.Start();
  EXPECT_EQ(observer_.admitted(), 1);
  call.End(absl::StatusCode::kOk);
  EXPECT_TRUE(call.ended());
}

TEST_F(CallTest, PendingThenResumeOkOnAnotherThreadContinues) {
  Worker worker;
  absl::Notification start_returned;
  b_.on_request = [&](Call& call) {
    worker.Post([&call, &start_returned] {
      start_returned.WaitForNotification();  // Resume strictly after OnRequest has returned
      call.Resume(absl::OkStatus());
    });
    return Verdict::Pending();
  };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  EXPECT_EQ(observer_.admitted() + observer_.refused(), 0);  // not yet decided
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request"}));
  start_returned.Notify();
  ASSERT_TRUE(observer_.WaitForDecision());
  EXPECT_EQ(observer_.admitted(), 1);
  EXPECT_EQ(observer_.thread(), worker.id());  // the rest of the chain ran on the resuming thread
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request", "c.request"}));
  journal_.Clear();
  call.End(absl::StatusCode::kOk);
  EXPECT_EQ(journal_.events(), (Events{"c.end(passed)", "b.end(passed)", "a.end(passed)"}));
}

TEST_F(CallTest, PendingThenResumeWithAnErrorRefuses) {
  Worker worker;
  absl::Notification start_returned;
  b_.on_request = [&](Call& call) {
    worker.Post([&call, &start_returned] {
      start_returned.WaitForNotification();
      call.Resume(absl::ResourceExhaustedError("quota"));
    });
    return Verdict::Pending();
  };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  start_returned.Notify();
  ASSERT_TRUE(observer_.WaitForDecision());
  EXPECT_EQ(observer_.refused(), 1);
  EXPECT_EQ(observer_.admitted(), 0);
  EXPECT_EQ(observer_.status(), absl::ResourceExhaustedError("quota"));
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request"}));
  journal_.Clear();
  call.End(absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(journal_.events(), (Events{"c.end(not passed)", "b.end(not passed)", "a.end(passed)"}));
}

// The race the state machine handles: the answer comes before OnRequest has returned Pending.
TEST_F(CallTest, ResumeFromInsideOnRequestGoesOnOnTheSameThread) {
  b_.on_request = [](Call& call) {
    call.Resume(absl::OkStatus());
    return Verdict::Pending();
  };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  EXPECT_EQ(observer_.admitted(), 1);  // decided before Start returned
  EXPECT_EQ(observer_.thread(), std::this_thread::get_id());
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request", "c.request"}));
}

TEST_F(CallTest, AnErrorResumedFromInsideOnRequestRefuses) {
  b_.on_request = [](Call& call) {
    call.Resume(absl::UnavailableError("down"));
    return Verdict::Pending();
  };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  EXPECT_EQ(observer_.refused(), 1);
  EXPECT_EQ(observer_.admitted(), 0);
  EXPECT_EQ(observer_.status(), absl::UnavailableError("down"));
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request"}));
  journal_.Clear();
  call.End(absl::StatusCode::kUnavailable);
  EXPECT_EQ(journal_.events(), (Events{"c.end(not passed)", "b.end(not passed)", "a.end(passed)"}));
}

TEST_F(CallTest, TwoPendingStagesInARow) {
  // b answers early (from inside), c later from another thread: the state is reset per stage.
  Worker worker;
  b_.on_request = [](Call& call) {
    call.Resume(absl::OkStatus());
    return Verdict::Pending();
  };
  c_.on_request = [&](Call& call) {
    worker.Post([&call] { call.Resume(absl::OkStatus()); });
    return Verdict::Pending();
  };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  ASSERT_TRUE(observer_.WaitForDecision());
  EXPECT_EQ(observer_.admitted(), 1);
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request", "c.request"}));
}

// Resume races OnRequest's return on two threads, many times: the observer is told exactly once,
// every stage runs once, and an error refuses.
TEST_F(CallTest, PendingAndResumeRaceManyTimes) {
  Worker worker_b, worker_c;
  std::atomic<int> c_runs{0};
  b_.on_request = [&](Call& call) {
    worker_b.Post([&call] { call.Resume(absl::OkStatus()); });  // may run before we return
    return Verdict::Pending();
  };
  bool fail_c = false;
  c_.on_request = [&](Call& call) {
    ++c_runs;
    absl::Status answer = fail_c ? absl::AbortedError("c says no") : absl::OkStatus();
    worker_c.Post([&call, answer] { call.Resume(answer); });
    return Verdict::Pending();
  };
  Chain chain({&b_, &c_});
  for (int i = 0; i < 5000; ++i) {
    fail_c = i % 3 == 0;
    c_runs = 0;
    RecordingObserver observer;
    {
      Call call(chain, observer, headers_);
      call.Start();
      ASSERT_TRUE(observer.WaitForDecision()) << "iteration " << i;
      call.End(absl::StatusCode::kOk);
    }
    ASSERT_EQ(observer.admitted() + observer.refused(), 1) << "iteration " << i;
    ASSERT_EQ(observer.refused(), fail_c ? 1 : 0) << "iteration " << i;
    ASSERT_EQ(c_runs.load(), 1) << "iteration " << i;
    if (fail_c) {
      ASSERT_EQ(observer.status(), absl::AbortedError("c says no"));
    }
    Events events = journal_.events();
    ASSERT_GE(events.size(), 2u);
    ASSERT_EQ(Events(events.end() - 2, events.end()),
              (Events{fail_c ? "c.end(not passed)" : "c.end(passed)", "b.end(passed)"}))
        << "iteration " << i;
    journal_.Clear();
  }
}

// DISABLED: shows a defect in Call (reported, core not changed). The caller goes away while a
// stage is pending (client cancellation, a broken connection): the listener ends the call, then
// the stage's answer arrives. Today the late Resume still runs c's OnRequest after c's OnEnd and
// tells the observer the call was admitted after it ended (a use-after-free once the listener
// frees an ended call), and b's OnEnd says it passed the call though it never did.
TEST_F(CallTest, AResumeAfterEndRunsNoStageAndTellsTheListenerItIsDone) {
  b_.on_request = [](Call&) { return Verdict::Pending(); };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.Start();
  call.End(absl::StatusCode::kCancelled);
  EXPECT_EQ(journal_.events(), (Events{"a.request", "b.request", "c.end(not passed)",
                                       "b.end(not passed)", "a.end(passed)"}));
  journal_.Clear();
  call.Resume(absl::OkStatus());
  EXPECT_TRUE(journal_.events().empty());
  EXPECT_EQ(observer_.admitted(), 0);
  EXPECT_EQ(observer_.refused(), 1);
}

class CountingCancellable : public Cancellable {
 public:
  void Cancel() override { ++cancels; }
  std::atomic<int> cancels{0};
};

TEST_F(CallTest, WorkInFlightIsCancelledOnce) {
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  EXPECT_FALSE(call.cancelled());
  auto first = std::make_shared<CountingCancellable>();
  auto second = std::make_shared<CountingCancellable>();
  call.SetInFlight(first);
  call.SetInFlight(second);  // replaces: the first is not cancelled
  call.CancelInFlight();
  call.CancelInFlight();
  EXPECT_EQ(first->cancels, 0);
  EXPECT_EQ(second->cancels, 1);

  // From two threads at once: still once.
  for (int i = 0; i < 1000; ++i) {
    auto work = std::make_shared<CountingCancellable>();
    call.SetInFlight(work);
    std::thread other([&call] { call.CancelInFlight(); });
    call.CancelInFlight();
    other.join();
    ASSERT_EQ(work->cancels, 1);
  }
}

TEST_F(CallTest, WorkRegisteredAfterTheCancellationIsCancelledAtOnce) {
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  call.CancelInFlight();  // the caller went away before the target registered anything
  EXPECT_TRUE(call.cancelled());
  auto late = std::make_shared<CountingCancellable>();
  call.SetInFlight(late);
  EXPECT_EQ(late->cancels, 1);
  call.CancelInFlight();
  EXPECT_EQ(late->cancels, 1);
}

class InspectTest : public CallTest {
 protected:
  google::protobuf::Arena arena_;
};

TEST_F(InspectTest, OnlyInspectingStagesSeeMessagesParsedOnce) {
  std::string seen;
  a_.inspect_requests = true;
  a_.on_request_message = [&](Call&, const google::protobuf::Message& m) {
    seen = static_cast<const GetCitizenRequest&>(m).personal_id();
    return absl::OkStatus();
  };
  c_.inspect_responses = true;
  c_.on_response_message = [](Call&, google::protobuf::Message& m) {
    static_cast<GetCitizenResponse&>(m).mutable_citizen()->clear_personal_id();  // a field mask
    return absl::OkStatus();
  };
  Chain chain = Abc();
  EXPECT_TRUE(chain.inspects_requests());
  EXPECT_TRUE(chain.inspects_responses());
  Call call(chain, observer_, headers_);

  GetCitizenRequest request;
  request.set_personal_id("079203001234");
  Payload request_payload(Payload::Direction::kRequest, &GetCitizenRequest::default_instance(),
                          &arena_);
  request_payload.SetBytes(request.SerializeAsString());
  EXPECT_TRUE(call.InspectRequest(request_payload).ok());
  EXPECT_EQ(seen, "079203001234");
  EXPECT_EQ(journal_.events(), (Events{"a.request_message"}));
  EXPECT_TRUE(request_payload.has_bytes());  // still forwardable untouched

  journal_.Clear();
  GetCitizenResponse response;
  response.mutable_citizen()->set_personal_id("079203001234");
  response.mutable_citizen()->set_full_name("Nguyen Van A");
  Payload response_payload(Payload::Direction::kResponse, &GetCitizenResponse::default_instance(),
                           &arena_);
  response_payload.SetBytes(response.SerializeAsString());
  EXPECT_TRUE(call.InspectResponse(response_payload).ok());
  EXPECT_EQ(journal_.events(), (Events{"c.response_message"}));
  EXPECT_FALSE(response_payload.has_bytes());  // the stage may have changed it
  GetCitizenResponse sent;
  ASSERT_TRUE(sent.ParseFromString(*response_payload.BytesAsString()));
  EXPECT_EQ(sent.citizen().personal_id(), "");
  EXPECT_EQ(sent.citizen().full_name(), "Nguyen Van A");
}

TEST_F(InspectTest, AStagesErrorIsReturnedAndLaterInspectorsDoNotRun) {
  a_.inspect_requests = true;
  a_.on_request_message = [](Call&, const google::protobuf::Message&) {
    return absl::PermissionDeniedError("purpose does not cover this field");
  };
  b_.inspect_requests = true;
  c_.inspect_responses = true;
  c_.on_response_message = [](Call&, google::protobuf::Message&) {
    return absl::InternalError("mask failed");
  };
  Chain chain = Abc();
  Call call(chain, observer_, headers_);
  Payload request(Payload::Direction::kRequest, &GetCitizenRequest::default_instance(), &arena_);
  request.SetBytes("");
  EXPECT_EQ(call.InspectRequest(request),
            absl::PermissionDeniedError("purpose does not cover this field"));
  EXPECT_EQ(journal_.events(), (Events{"a.request_message"}));
  Payload response(Payload::Direction::kResponse, &GetCitizenResponse::default_instance(), &arena_);
  EXPECT_EQ(call.InspectResponse(response), absl::InternalError("mask failed"));
}

TEST_F(InspectTest, MalformedBytesFailOnlyWhenAStageInspects) {
  Payload request(Payload::Direction::kRequest, &GetCitizenRequest::default_instance(), &arena_);
  request.SetBytes(std::string("\xff\xff\xff", 3));
  {
    Chain plain = Abc();  // nobody reads fields: the bytes are forwarded as they are
    EXPECT_FALSE(plain.inspects_requests());
    Call call(plain, observer_, headers_);
    EXPECT_TRUE(call.InspectRequest(request).ok());
    EXPECT_TRUE(call.InspectResponse(request).ok());
    EXPECT_FALSE(request.has_message());
  }
  b_.inspect_requests = true;
  Chain inspecting = Abc();
  Call call(inspecting, observer_, headers_);
  absl::Status status = call.InspectRequest(request);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(journal_.events().empty());  // the stage never saw a message
}

}  // namespace
}  // namespace ndxp::core
