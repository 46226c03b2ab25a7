#include "capi/boundary.hpp"

#include <mspcore/security/risk.hpp>

using namespace mspcore;
using capi::guarded;
using capi::text;

extern "C" {

msp_status msp_risk_score_json(const char* inputs_json, const char* model_json, char* buf, size_t buf_size,
                               size_t* required, msp_error* err) {
  return guarded(err, [&] {
    const RiskInputs inputs = RiskInputs::from_json(text(inputs_json, "inputs_json"));
    const RiskModel model = model_json != nullptr ? RiskModel::from_json(model_json) : RiskModel{};
    capi::write_string(risk_score_to_json(risk_score(inputs, model)), buf, buf_size, required);
  });
}

msp_status msp_risk_model_default_json(char* buf, size_t buf_size, size_t* required, msp_error* err) {
  return guarded(err, [&] { capi::write_string(RiskModel{}.to_json(), buf, buf_size, required); });
}

}  // extern "C"
