#pragma once
// gRPC server reflection, v1 and v1alpha (the same protocol under two package names), answered
// from a ReflectionIndex. Registered as named services: they answer without credentials.

#include <memory>

#include <grpcpp/impl/service_type.h>

#include "gateway/server/grpc/reflection_index.h"

namespace ndxp::server {

std::unique_ptr<grpc::Service> MakeReflectionServiceV1(const ReflectionIndex& index);
std::unique_ptr<grpc::Service> MakeReflectionServiceV1Alpha(const ReflectionIndex& index);

}  // namespace ndxp::server
