// Call::HoldAnswer / ReleaseAnswer: the fast path without holders; holders in chain order; a
// release from another thread; a release before OnAnswer returned; a replacement status; a
// holder that holds only some calls; the sink told exactly once.
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <absl/synchronization/mutex.h>
#include <gtest/gtest.h>

#include "gateway/core/call.h"

namespace ndxp::core {
namespace {

class Observer : public CallObserver {
 public:
  void OnAdmitted() override {}
  void OnRefused(const absl::Status&) override {}
};

class Sink : public AnswerSink {
 public:
  void OnAnswerReleased(const absl::Status& replaced) override {
    absl::MutexLock lock(&mu_);
    ++released_;
    replaced_ = replaced;
    thread_ = std::this_thread::get_id();
  }
  bool WaitReleased(absl::Duration bound = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    auto done = [this] { return released_ > 0; };
    return mu_.AwaitWithTimeout(absl::Condition(&done), bound);
  }
  int released() const {
    absl::MutexLock lock(&mu_);
    return released_;
  }
  absl::Status replaced() const {
    absl::MutexLock lock(&mu_);
    return replaced_;
  }
  std::thread::id thread() const {
    absl::MutexLock lock(&mu_);
    return thread_;
  }

 private:
  mutable absl::Mutex mu_;
  int released_ = 0;
  absl::Status replaced_;
  std::thread::id thread_;
};

class Holder : public Stage {
 public:
  explicit Holder(std::string name, std::vector<std::string>* journal = nullptr)
      : name_(std::move(name)), journal_(journal) {}
  std::function<Verdict(Call&, absl::StatusCode)> on_answer;
  std::function<bool(const Call&)> holds_of;
  std::string_view name() const override { return name_; }
  bool holds_answers() const override { return true; }
  bool HoldsAnswerOf(const Call& call) const override { return !holds_of || holds_of(call); }
  Verdict OnAnswer(Call& call, absl::StatusCode code) override {
    if (journal_ != nullptr) journal_->push_back(name_);
    return on_answer ? on_answer(call, code) : Verdict::Continue();
  }

 private:
  std::string name_;
  std::vector<std::string>* journal_;
};

class Plain : public Stage {
 public:
  std::string_view name() const override { return "plain"; }
};

NoRequestHeaders headers;

// A call started on a chain of `stages`, and the sink its answer is released to.
struct StartedCall {
  explicit StartedCall(std::vector<Stage*> stages)
      : chain(std::move(stages)), call(chain, observer, headers) {
    call.Start();
  }
  // Answers the call with `code`, held by the chain's holders; the sink tells when it leaves.
  Sink& Answer(absl::StatusCode code) {
    call.HoldAnswer(code, sink);
    return sink;
  }
  Chain chain;
  Observer observer;
  Call call;
  Sink sink;
};

TEST(AnswerHoldTest, WithoutHoldersTheAnswerGoesAtOnce) {
  Plain plain;
  StartedCall started({&plain});
  EXPECT_FALSE(started.chain.holds_answers());
  Sink& sink = started.Answer(absl::StatusCode::kOk);
  EXPECT_EQ(sink.released(), 1);
  EXPECT_TRUE(sink.replaced().ok());
}

TEST(AnswerHoldTest, HoldersThatContinueRunInOrderAndTheAnswerGoesInline) {
  std::vector<std::string> journal;
  Holder a("a", &journal), b("b", &journal);
  absl::StatusCode seen = absl::StatusCode::kUnknown;
  b.on_answer = [&](Call&, absl::StatusCode code) {
    seen = code;
    return Verdict::Continue();
  };
  StartedCall started({&a, &b});
  Sink& sink = started.Answer(absl::StatusCode::kNotFound);
  EXPECT_EQ(journal, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(seen, absl::StatusCode::kNotFound);
  EXPECT_EQ(sink.released(), 1);
}

TEST(AnswerHoldTest, PendingHoldsUntilReleasedFromAnotherThread) {
  Holder a("a");
  Call* held = nullptr;
  a.on_answer = [&](Call& call, absl::StatusCode) {
    held = &call;
    return Verdict::Pending();
  };
  StartedCall started({&a});
  Sink& sink = started.Answer(absl::StatusCode::kOk);
  EXPECT_EQ(sink.released(), 0);  // held
  ASSERT_EQ(held, &started.call);
  std::thread releaser([&] { held->ReleaseAnswer(); });
  ASSERT_TRUE(sink.WaitReleased());
  const std::thread::id releaser_id = releaser.get_id();
  releaser.join();
  EXPECT_EQ(sink.released(), 1);
  EXPECT_EQ(sink.thread(), releaser_id);
  EXPECT_TRUE(sink.replaced().ok());
}

TEST(AnswerHoldTest, ReleaseBeforeOnAnswerReturnsGoesOnInline) {
  std::vector<std::string> journal;
  Holder a("a", &journal), b("b", &journal);
  a.on_answer = [](Call& call, absl::StatusCode) {
    call.ReleaseAnswer();  // e.g. the record was durable before OnAnswer returned
    return Verdict::Pending();
  };
  StartedCall started({&a, &b});
  Sink& sink = started.Answer(absl::StatusCode::kOk);
  EXPECT_EQ(journal, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sink.released(), 1);
  EXPECT_EQ(sink.thread(), std::this_thread::get_id());
}

TEST(AnswerHoldTest, ReleaseFromAnotherThreadRacingOnAnswerReleasesExactlyOnce) {
  for (int round = 0; round < 200; ++round) {
    Holder a("a"), b("b");
    std::vector<std::thread> releasers;
    releasers.reserve(2);
    auto release_elsewhere = [&](Call& call, absl::StatusCode) {
      releasers.emplace_back([&call] { call.ReleaseAnswer(); });
      return Verdict::Pending();
    };
    a.on_answer = release_elsewhere;
    b.on_answer = release_elsewhere;
    StartedCall started({&a, &b});
    Sink& sink = started.Answer(absl::StatusCode::kOk);
    ASSERT_TRUE(sink.WaitReleased());

    for (auto& t : releasers) t.join();
    EXPECT_EQ(sink.released(), 1);
  }
}

TEST(AnswerHoldTest, AReplacementStatusReachesTheSink) {
  Holder a("a"), b("b");
  a.on_answer = [](Call& call, absl::StatusCode) {
    call.ReleaseAnswer(absl::UnavailableError("the record could not be written"));
    return Verdict::Pending();
  };
  b.on_answer = [](Call& call, absl::StatusCode) {
    call.ReleaseAnswer(absl::InternalError("a later one does not win"));
    return Verdict::Pending();
  };
  StartedCall started({&a, &b});
  Sink& sink = started.Answer(absl::StatusCode::kOk);
  EXPECT_EQ(sink.released(), 1);
  EXPECT_EQ(sink.replaced().code(), absl::StatusCode::kUnavailable);
}

TEST(AnswerHoldTest, AHolderAsksOnlyForTheCallsItHolds) {
  std::vector<std::string> journal;
  Holder a("a", &journal);
  a.holds_of = [](const Call& call) { return !call.context().purpose.empty(); };
  a.on_answer = [](Call&, absl::StatusCode) { return Verdict::Pending(); };
  StartedCall started({&a});
  Sink& sink = started.Answer(absl::StatusCode::kOk);  // no purpose: not held
  EXPECT_TRUE(journal.empty());
  EXPECT_EQ(sink.released(), 1);
}

TEST(AnswerHoldTest, AdmittedIsSetOnlyForCallsHandedToTheirTarget) {
  Plain plain;
  Chain chain({&plain});
  Observer observer;
  Call admitted(chain, observer, headers);
  admitted.Start();
  EXPECT_TRUE(admitted.context().admitted);

  class Refuser : public Stage {
   public:
    std::string_view name() const override { return "refuser"; }
    Verdict OnRequest(Call&) override { return Verdict::Stop(absl::ResourceExhaustedError("no")); }
  } refuser;
  Chain refusing({&plain, &refuser});
  Call refused(refusing, observer, headers);
  refused.Start();
  EXPECT_FALSE(refused.context().admitted);
}

}  // namespace
}  // namespace ndxp::core
