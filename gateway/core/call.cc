#include "gateway/core/call.h"

namespace ndxp::core {

Chain::Chain(std::vector<Stage*> stages) : stages_(std::move(stages)) {
  for (const Stage* stage : stages_) {
    inspects_requests_ |= stage->inspects_requests();
    inspects_responses_ |= stage->inspects_responses();
    holds_answers_ |= stage->holds_answers();
  }
}

Call::Call(const Chain& chain, CallObserver& observer, const RequestHeaders& headers)
    : chain_(&chain), observer_(&observer), headers_(&headers) {}

void Call::Start() {
  next_stage_ = 0;
  Advance();
}

void Call::Advance() {
  const std::vector<Stage*>& stages = chain_->stages();
  while (next_stage_ < stages.size()) {
    Stage* stage = stages[next_stage_++];
    state_.store(kRunning, std::memory_order_relaxed);
    Verdict verdict = stage->OnRequest(*this);
    switch (verdict.kind()) {
      case Verdict::Kind::kContinue:
        continue;
      case Verdict::Kind::kStop:
        return RefuseAtCurrentStage(verdict.status());
      case Verdict::Kind::kPending: {
        int expected = kRunning;
        if (state_.compare_exchange_strong(expected, kPending, std::memory_order_acq_rel)) {
          return;  // Resume continues, on its own thread
        }
        // Resume came before OnRequest returned: go on here.
        if (!resume_status_.ok()) return RefuseAtCurrentStage(resume_status_);
        continue;
      }
    }
  }
  context_.admitted = true;
  observer_->OnAdmitted();
}

void Call::RefuseAtCurrentStage(const absl::Status& status) {
  stopped_at_ = next_stage_ - 1;
  observer_->OnRefused(status);
}

void Call::Resume(absl::Status status) {
  resume_status_ = std::move(status);
  int state = state_.load(std::memory_order_acquire);
  for (;;) {
    if (state == kEnded) {
      // The call ended while the stage was pending (the caller went away): nothing more runs,
      // and the listener learns that the chain is done with the call.
      return observer_->OnRefused(absl::CancelledError("the call ended before it was admitted"));
    }
    if (state_.compare_exchange_weak(state, kResumed, std::memory_order_acq_rel)) break;
  }
  if (state == kRunning) return;  // the stage's OnRequest has not returned: Advance goes on
  if (!resume_status_.ok()) return RefuseAtCurrentStage(resume_status_);
  Advance();
}

absl::Status Call::InspectRequest(Payload& request) {
  if (!chain_->inspects_requests()) return absl::OkStatus();
  google::protobuf::Message* message = nullptr;
  for (Stage* stage : chain_->stages()) {
    if (!stage->inspects_requests() || !stage->InspectsRequestsOf(*this)) continue;
    if (message == nullptr) {
      auto parsed = request.Message();
      if (!parsed.ok()) return parsed.status();
      message = *parsed;
    }
    if (absl::Status s = stage->OnRequestMessage(*this, *message); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status Call::InspectResponse(Payload& response) {
  if (!chain_->inspects_responses()) return absl::OkStatus();
  google::protobuf::Message* message = nullptr;
  for (Stage* stage : chain_->stages()) {
    if (!stage->inspects_responses() || !stage->InspectsResponsesOf(*this)) continue;
    if (message == nullptr) {
      auto parsed = response.Message();
      if (!parsed.ok()) return parsed.status();
      message = *parsed;
    }
    if (absl::Status s = stage->OnResponseMessage(*this, *message); !s.ok()) return s;
  }
  if (message != nullptr) response.MessageChanged();
  return absl::OkStatus();
}

void Call::HoldAnswer(absl::StatusCode code, AnswerSink& sink) {
  if (!chain_->holds_answers()) return sink.OnAnswerReleased(absl::OkStatus());
  answer_sink_ = &sink;
  answer_code_ = code;
  next_holder_ = 0;
  AdvanceAnswer();
}

void Call::AdvanceAnswer() {
  const std::vector<Stage*>& stages = chain_->stages();
  while (next_holder_ < stages.size()) {
    Stage* stage = stages[next_holder_++];
    if (!stage->holds_answers() || !stage->HoldsAnswerOf(*this)) continue;
    answer_state_.store(kRunning, std::memory_order_relaxed);
    if (stage->OnAnswer(*this, answer_code_).kind() != Verdict::Kind::kPending) continue;
    int expected = kRunning;
    if (answer_state_.compare_exchange_strong(expected, kPending, std::memory_order_acq_rel)) {
      return;  // ReleaseAnswer goes on, on its own thread
    }
    // Released before OnAnswer returned: go on here.
  }
  answer_sink_->OnAnswerReleased(answer_replaced_);
}

void Call::ReleaseAnswer(absl::Status replace) {
  if (!replace.ok() && answer_replaced_.ok()) answer_replaced_ = std::move(replace);
  if (answer_state_.exchange(kResumed, std::memory_order_acq_rel) == kRunning) {
    return;  // the stage's OnAnswer has not returned: AdvanceAnswer goes on
  }
  AdvanceAnswer();
}

void Call::End(absl::StatusCode code) {
  if (ended_) return;
  ended_ = true;
  int pending = kPending;
  if (state_.compare_exchange_strong(pending, kEnded, std::memory_order_acq_rel)) {
    stopped_at_ = next_stage_ - 1;  // the pending stage never let the call through
  }
  context_.code = code;
  context_.end = std::chrono::steady_clock::now();
  const std::vector<Stage*>& stages = chain_->stages();
  for (std::size_t i = stages.size(); i-- > 0;) {
    stages[i]->OnEnd(*this, i < next_stage_ && i != stopped_at_);
  }
}

}  // namespace ndxp::core
