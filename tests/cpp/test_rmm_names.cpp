// The normalised RMM enums: every name reads back to its value, an unknown name lists the known ones.
#include <mspcore/core/error.hpp>
#include <mspcore/rmm/normalised.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace mspcore;

TEST_CASE("rmm enum names round-trip") {
  for (auto v : {RmmVendor::DattoRmm, RmmVendor::DattoBcdr, RmmVendor::Cove, RmmVendor::NCentral})
    CHECK(parse_rmm_vendor(to_string(v)) == v);
  CHECK(to_string(RmmVendor::NCentral) == "ncentral");
  CHECK(to_string(DeviceClass::Cloud) == "cloud");
  CHECK(parse_backup_outcome("success_with_exceptions") == BackupOutcome::SuccessWithExceptions);
  CHECK(to_string(BackupOutcome::NotExpected) == "not_expected");
  CHECK(parse_backup_copy("offsite") == BackupCopy::Offsite);
  CHECK(parse_verification("failed") == Verification::Failed);
  CHECK(parse_patch_severity("important") == PatchSeverity::Important);
  CHECK(parse_patch_state("superseded") == PatchState::Superseded);
  CHECK(parse_event_priority("information") == EventPriority::Information);
  CHECK(parse_device_patch_status("reboot_required") == DevicePatchStatus::RebootRequired);
}

TEST_CASE("an unknown rmm name lists the known ones") {
  CHECK(test::error_text_of([] { parse_rmm_vendor("ninja"); }) ==
        "INVALID_ARGUMENT: unknown vendor 'ninja' (known: datto_rmm, datto_bcdr, cove, ncentral)");
  CHECK(test::error_text_of([] { parse_backup_outcome("ok"); }).find("INVALID_ARGUMENT: unknown backup outcome 'ok'") == 0);
}
