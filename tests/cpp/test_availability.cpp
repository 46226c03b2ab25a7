// Availability, MTBF and MTRS (docs/rmm-availability.md): hand-worked cases through the JSON
// request (the decoder, the engine and the result document together), the C ABI, and the
// named errors. Each expected value is worked out in the comment next to it.
#include <mspcore.h>
#include <mspcore/rmm/availability.hpp>
#include <mspcore/rmm/rmm_records.hpp>

#include "records/json_fields.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace mspcore;
using mspcore::test::error_text_of;
using nlohmann::json;

namespace {

const json kApril = {{"start", "2025-04-01T00:00:00Z"}, {"end", "2025-05-01T00:00:00Z"}};  // 30 days = 2592000 s

// Mon-Fri 08:00-17:00 Berlin, public holidays of North Rhine-Westphalia (Good Friday, Easter Monday).
const json kNineToFive = json::array({json::array({"08:00", "17:00"})});
const json kBusiness = {{"tz", "Europe/Berlin"},
                        {"holiday_rules", {"DE-NW"}},
                        {"week", {{"mon", kNineToFive}, {"tue", kNineToFive}, {"wed", kNineToFive},
                                  {"thu", kNineToFive}, {"fri", kNineToFive}}}};

json outage(const char* device, const char* opened, const char* resolved, const char* tenant = "acme") {
  json e = {{"tenant", tenant}, {"device_id", device}, {"opened", opened}, {"outage", true}};
  if (resolved != nullptr) e["resolved"] = resolved;
  return e;
}

json run(json request) {
  if (!request.contains("period")) request["period"] = kApril;
  return json::parse(availability_json(request.dump()));
}

std::string failure(json request) {
  if (!request.contains("period")) request["period"] = kApril;
  return error_text_of([&] { (void)availability_json(request.dump()); });
}

}  // namespace

TEST_CASE("availability: a month of 24x7 with one 43-minute outage", "[availability]") {
  const json r = run({{"events", {outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")}}, {"target", "99.9"}});
  const json& d = r["devices"][0];
  CHECK(d["scheduled_seconds"] == 2592000);  // 30 x 86400
  CHECK(d["down_seconds"] == 2580);          // 43 x 60
  CHECK(d["up_seconds"] == 2589420);
  // 1 - 43 / (30 x 1440) = 43157 / 43200 = 0.99900462962...: 99.9004 (rounded down to 4 digits)
  CHECK(d["availability_pct"] == "99.9004");
  CHECK(d["failures"] == 1);
  CHECK(d["mtbf_seconds"] == 2589420);  // up / 1
  CHECK(d["mtbf_minutes"] == "43157.00");
  CHECK(d["mtrs_seconds"] == 2580);
  CHECK(d["mtrs_minutes"] == "43.00");
  CHECK(d["target_met"] == true);  // 258942000 >= 99.9 x 2592000 = 258940800
  const json missed = run({{"events", {outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")}},
                           {"target", "99.95"}});
  CHECK(missed["devices"][0]["target_met"] == false);  // 258942000 < 99.95 x 2592000 = 259070400
  CHECK(missed["clients"][0]["devices_missed"] == 1);
}

TEST_CASE("availability: overlapping and touching outages are merged and count once", "[availability]") {
  const json r = run({{"period", {{"start", "2025-04-10T00:00:00Z"}, {"end", "2025-04-11T00:00:00Z"}}},
                      {"events",
                       {outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T11:00:00Z"),
                        outage("SRV-1", "2025-04-10T10:30:00Z", "2025-04-10T11:30:00Z"),  // overlaps
                        outage("SRV-1", "2025-04-10T11:30:00Z", "2025-04-10T12:00:00Z"),  // touches
                        outage("SRV-1", "2025-04-10T14:00:00Z", "2025-04-10T14:10:00Z"),
                        // not an outage (a disk alert): ignored
                        {{"tenant", "acme"}, {"device_id", "SRV-1"}, {"opened", "2025-04-10T15:00:00Z"}}}}});
  const json& d = r["devices"][0];
  CHECK(d["down_seconds"] == 7800);  // [10:00, 12:00) once = 7200, + 600
  CHECK(d["failures"] == 2);
  CHECK(d["availability_pct"] == "90.9722");  // 100 x 78600 / 86400 = 90.97222...
  CHECK(d["mtbf_seconds"] == 39300);          // 78600 / 2
  CHECK(d["mtbf_minutes"] == "655.00");
  CHECK(d["mtrs_seconds"] == 3900);  // 7800 / 2
  CHECK(d["mtrs_minutes"] == "65.00");
}

TEST_CASE("availability: an open event runs to the period end; one carried in is no failure", "[availability]") {
  const json r = run({{"events",
                       {outage("A", "2025-04-30T23:00:00Z", nullptr),
                        outage("B", "2025-03-31T22:00:00Z", nullptr),  // down all April, failed in March
                        outage("C", "2025-03-31T23:00:00Z", "2025-04-01T01:00:00Z")}}});
  const json& a = r["devices"][0];
  CHECK(a["down_seconds"] == 3600);
  CHECK(a["failures"] == 1);
  CHECK(a["availability_pct"] == "99.8611");  // 100 x 2588400 / 2592000 = 99.86111...
  CHECK(a["mtrs_seconds"] == 3600);
  const json& b = r["devices"][1];
  CHECK(b["down_seconds"] == 2592000);
  CHECK(b["availability_pct"] == "0.0000");
  CHECK(b["failures"] == 0);
  CHECK(b["mtbf_seconds"].is_null());
  CHECK(b["mtrs_seconds"].is_null());
  const json& c = r["devices"][2];
  CHECK(c["down_seconds"] == 3600);  // the hour in April
  CHECK(c["failures"] == 0);         // it began on 31 March
  CHECK(c["mtrs_minutes"].is_null());
}

TEST_CASE("availability: on a business calendar only business hours count (weekend, holiday)", "[availability]") {
  // April 2025 in Berlin: 22 weekdays, less Good Friday (18th) and Easter Monday (21st): 20 x 9 h = 648000 s.
  const json r = run({{"calendar", kBusiness},
                      {"events",
                       {// Fri 11th 16:00 -> Mon 14th 09:30: Fri 16-17 (1 h) + Mon 08:00-09:30 (1.5 h) = 9000 s
                        outage("SRV-1", "2025-04-11T16:00:00+02:00", "2025-04-14T09:30:00+02:00"),
                        // Sat 12th 10:00 -> Sun 13th 18:00: no business time, no failure
                        outage("SRV-1", "2025-04-12T10:00:00+02:00", "2025-04-13T18:00:00+02:00"),
                        // Thu 17th 16:30 -> Tue 22nd 08:15 across Easter: 30 min + 15 min = 2700 s
                        outage("SRV-2", "2025-04-17T16:30:00+02:00", "2025-04-22T08:15:00+02:00")}}});
  const json& s1 = r["devices"][0];
  CHECK(s1["scheduled_seconds"] == 648000);
  CHECK(s1["down_seconds"] == 9000);
  CHECK(s1["failures"] == 1);
  CHECK(s1["availability_pct"] == "98.6111");  // 100 x 639000 / 648000 = 98.61111...
  CHECK(s1["mtrs_minutes"] == "150.00");
  const json& s2 = r["devices"][1];
  CHECK(s2["down_seconds"] == 2700);
  CHECK(s2["failures"] == 1);
  CHECK(s2["availability_pct"] == "99.5833");  // 100 x 645300 / 648000 = 99.58333...
  CHECK(s2["mtbf_seconds"] == 645300);
  CHECK(s2["mtbf_minutes"] == "10755.00");
  CHECK(s2["mtrs_minutes"] == "45.00");
}

TEST_CASE("availability: an outage from a closed stretch fails when business time begins", "[availability]") {
  // The week of Mon 7 April 2025 in Berlin. Sat 5th 10:00 -> Mon 7th 10:00: the service is first
  // interrupted on Mon 7th 08:00, inside the week: a failure of the week, with 2 h of downtime.
  const json week = {{"start", "2025-04-07T00:00:00+02:00"}, {"end", "2025-04-14T00:00:00+02:00"}};
  const json r = run({{"calendar", kBusiness},
                      {"period", week},
                      {"events", {outage("SRV-1", "2025-04-05T10:00:00+02:00", "2025-04-07T10:00:00+02:00")}}});
  CHECK(r["devices"][0]["scheduled_seconds"] == 162000);  // 5 x 9 h
  CHECK(r["devices"][0]["down_seconds"] == 7200);
  CHECK(r["devices"][0]["failures"] == 1);
  // Fri 4th 16:00 -> Mon 7th 10:00: interrupted on Friday already, before the week: no failure of it.
  const json carried = run({{"calendar", kBusiness},
                            {"period", week},
                            {"events", {outage("SRV-1", "2025-04-04T16:00:00+02:00", "2025-04-07T10:00:00+02:00")}}});
  CHECK(carried["devices"][0]["down_seconds"] == 7200);
  CHECK(carried["devices"][0]["failures"] == 0);
}

TEST_CASE("availability: the calendar's range", "[availability]") {
  // An outage open since 1960, before the calendar's first year: down all month, no failure of it.
  const json r = run({{"calendar", kBusiness}, {"events", {outage("SRV-1", "1960-01-01T00:00:00Z", nullptr)}}});
  CHECK(r["devices"][0]["down_seconds"] == 648000);
  CHECK(r["devices"][0]["failures"] == 0);
  CHECK(failure({{"calendar", kBusiness},
                 {"period", {{"start", "2250-04-01T00:00:00Z"}, {"end", "2250-05-01T00:00:00Z"}}},
                 {"events", json::array()}})
            .rfind("OUT_OF_RANGE: period: instant 2250-", 0) == 0);
}

TEST_CASE("availability: 24x7 counts elapsed seconds across DST nights", "[availability]") {
  const json berlin = {{"tz", "Europe/Berlin"}, {"24x7", true}};
  // 30 March 2025 in Berlin has 23 hours; the outage 01:30 CET -> 03:30 CEST is one hour.
  const json spring = {{"period", {{"start", "2025-03-30T00:00:00+01:00"}, {"end", "2025-03-31T00:00:00+02:00"}}},
                       {"events", {outage("SRV-1", "2025-03-30T01:30:00+01:00", "2025-03-30T03:30:00+02:00")}}};
  for (const json& calendar : {berlin, json(nullptr)}) {
    json request = spring;
    request["calendar"] = calendar;
    const json d = run(request)["devices"][0];
    CHECK(d["scheduled_seconds"] == 82800);  // 23 h
    CHECK(d["down_seconds"] == 3600);
    CHECK(d["availability_pct"] == "95.6521");  // 100 x 79200 / 82800 = 95.65217...
  }
  // 26 October 2025 has 25 hours; 02:30 CEST -> 02:30 CET is one hour.
  const json autumn = run({{"calendar", berlin},
                           {"period", {{"start", "2025-10-26T00:00:00+02:00"}, {"end", "2025-10-27T00:00:00+01:00"}}},
                           {"events", {outage("SRV-1", "2025-10-26T02:30:00+02:00", "2025-10-26T02:30:00+01:00")}}});
  CHECK(autumn["devices"][0]["scheduled_seconds"] == 90000);  // 25 h
  CHECK(autumn["devices"][0]["down_seconds"] == 3600);
  CHECK(autumn["devices"][0]["availability_pct"] == "96.0000");  // 100 x 86400 / 90000
}

TEST_CASE("availability: devices list, devices without events, retired devices, client roll-up", "[availability]") {
  const json r = run({{"devices",
                       {{{"tenant", "acme"}, {"id", "SRV-1"}},
                        {{"tenant", "acme"}, {"id", "SRV-2"}, {"name", "backup server"}},
                        {{"tenant", "acme"}, {"id", "OLD-1"}, {"retired", true}},
                        {{"tenant", "beta"}, {"id", "B-1"}}}},
                      {"events",
                       {outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z"),
                        outage("OLD-1", "2025-04-02T00:00:00Z", "2025-04-03T00:00:00Z"),  // retired: left out
                        outage("B-1", "2025-03-31T22:00:00Z", nullptr, "beta")}},
                      {"target", "99.9"}});
  REQUIRE(r["devices"].size() == 3);
  const json& quiet = r["devices"][1];
  CHECK(quiet["device_id"] == "SRV-2");
  CHECK(quiet["availability_pct"] == "100.0000");
  CHECK(quiet["failures"] == 0);
  CHECK(quiet["mtbf_seconds"].is_null());  // no failure: undefined, not the scheduled time
  CHECK(quiet["target_met"] == true);
  REQUIRE(r["clients"].size() == 2);
  const json& acme = r["clients"][0];
  CHECK(acme["devices"] == 2);
  CHECK(acme["scheduled_seconds"] == 5184000);  // 2 x 2592000
  CHECK(acme["down_seconds"] == 2580);
  CHECK(acme["availability_pct"] == "99.9502");  // 100 x 5181420 / 5184000 = 99.95023...
  CHECK(acme["failures"] == 1);
  CHECK(acme["mtbf_minutes"] == "86357.00");  // 5181420 / 60
  CHECK(acme["target_met"] == true);
  CHECK(acme["devices_missed"] == 0);
  const json& beta = r["clients"][1];
  CHECK(beta["availability_pct"] == "0.0000");
  CHECK(beta["target_met"] == false);
  CHECK(beta["devices_missed"] == 1);
  // Without a target there is no met/missed at all.
  const json plain = run({{"events", {outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")}}});
  CHECK(plain["devices"][0]["target_met"].is_null());
  CHECK(plain["clients"][0]["devices_missed"].is_null());
}

TEST_CASE("availability: no scheduled time gives no percentage", "[availability]") {
  // A Saturday on the business calendar: nothing was due, so nothing can be missed.
  const json r = run({{"calendar", kBusiness},
                      {"period", {{"start", "2025-04-12T00:00:00+02:00"}, {"end", "2025-04-13T00:00:00+02:00"}}},
                      {"events", {outage("SRV-1", "2025-04-12T10:00:00+02:00", "2025-04-12T11:00:00+02:00")}},
                      {"target", 99}});
  const json& d = r["devices"][0];
  CHECK(d["scheduled_seconds"] == 0);
  CHECK(d["down_seconds"] == 0);
  CHECK(d["failures"] == 0);
  CHECK(d["availability_pct"].is_null());
  CHECK(d["target_met"].is_null());
}

TEST_CASE("availability: bad inputs are named", "[availability]") {
  const json ok = outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z");
  json e = ok;
  e["id"] = "A-7";
  e["resolved"] = "2025-04-10T09:00:00Z";
  CHECK(failure({{"events", {ok, e}}}) ==
        "INVALID_TIMELINE: events[1] (tenant 'acme' device 'SRV-1' event 'A-7').resolved: 2025-04-10T09:00:00Z is "
        "before opened 2025-04-10T10:00:00Z");
  e = ok;
  e["opened"] = "2025-04-10T10:00:00";
  CHECK(failure({{"events", {e}}}) ==
        "NAIVE_DATETIME: events[0] (tenant 'acme' device 'SRV-1').opened: '2025-04-10T10:00:00' has no UTC offset: add "
        "'Z' or an offset such as '+01:00'");
  e = ok;
  e["priority"] = "urgent";
  CHECK(failure({{"events", {e}}}) ==
        "INVALID_ARGUMENT: events[0] (tenant 'acme' device 'SRV-1').priority: unknown event priority 'urgent' (known: "
        "critical, high, moderate, low, information, unknown)");
  e = ok;
  e["outage"] = 1;
  CHECK(failure({{"events", {e}}}) ==
        "INVALID_ARGUMENT: events[0] (tenant 'acme' device 'SRV-1').outage: expected true or false, got 1");
  e = ok;
  e["severity"] = "high";
  CHECK(failure({{"events", {e}}}).rfind("INVALID_ARGUMENT: events[0]: unknown key 'severity' (known: tenant, ", 0) == 0);
  CHECK(failure({{"events", {{{"tenant", "acme"}, {"device_id", "SRV-1"}}}}}) ==
        "INVALID_ARGUMENT: events[0] (tenant 'acme' device 'SRV-1'): opened is missing");
  CHECK(failure({{"events", json::array()}, {"period", {{"start", "2025-05-01T00:00:00Z"}, {"end", "2025-04-01T00:00:00Z"}}}}) ==
        "INVALID_ARGUMENT: period: end 2025-04-01T00:00:00Z is not after start 2025-05-01T00:00:00Z");
  CHECK(failure({{"events", json::array()}, {"calendar", {{"tz", "Europe/Berlln"}, {"24x7", true}}}}) ==
        "UNKNOWN_TIME_ZONE: calendar: unknown time zone 'Europe/Berlln' (not in the system tz database)");
  CHECK(failure({{"events", json::array()}, {"target", 99.9}}) ==
        "INVALID_TYPE: target: 99.9 is a binary floating-point number; a target must be exact: write it as a string "
        "(\"99.9\")");
  CHECK(failure({{"events", json::array()}, {"target", "NaN"}}) ==
        "PARSE_ERROR: target: 'NaN' is not a plain decimal number (unexpected 'N' at position 0)");
  CHECK(failure({{"events", json::array()}, {"target", "100.5"}}) == "OUT_OF_RANGE: target: 100.5 is outside (0, 100]");
  CHECK(failure({{"events", json::array()}, {"target", "99.99995"}}) ==
        "INVALID_ARGUMENT: target: 99.99995 has more than 4 fraction digits");
  CHECK(failure({{"events", {ok}}, {"devices", {{{"tenant", "acme"}, {"id", "SRV-2"}}}}}) ==
        "INVALID_ARGUMENT: events[0] (tenant 'acme' device 'SRV-1').device_id: no device 'SRV-1' of tenant 'acme' in "
        "devices");
  CHECK(failure({{"events", {ok}}, {"devices", {{{"tenant", "acme"}, {"id", "SRV-1"}}, {{"tenant", "acme"}, {"id", "SRV-1"}}}}}) ==
        "INVALID_ARGUMENT: devices[1] (tenant 'acme' device 'SRV-1'): a second record of the device");
  CHECK(failure({{"period", kApril}}) == "INVALID_ARGUMENT: request: events is missing (give [] for none)");
  CHECK(error_text_of([] { (void)availability_json(R"({"events": []})"); }) ==
        "INVALID_ARGUMENT: request: period is missing");
}

TEST_CASE("availability: the C ABI gives the JSON document and named errors", "[availability][capi]") {
  const std::string request =
      json{{"period", kApril}, {"events", {outage("SRV-1", "2025-04-10T10:00:00Z", "2025-04-10T10:43:00Z")}}}.dump();
  msp_error err{};
  size_t required = 0;
  REQUIRE(msp_availability_json(request.c_str(), nullptr, 0, &required, &err) == MSP_STATUS_OK);
  std::string buf(required, '\0');
  REQUIRE(msp_availability_json(request.c_str(), buf.data(), buf.size(), &required, &err) == MSP_STATUS_OK);
  buf.resize(required - 1);
  CHECK(buf == availability_json(request));
  CHECK(json::parse(buf)["devices"][0]["availability_pct"] == "99.9004");
  char small[4];
  CHECK(msp_availability_json(request.c_str(), small, sizeof small, &required, &err) == MSP_STATUS_BUFFER_TOO_SMALL);
  CHECK(msp_availability_json("{\"period\": 1, \"events\": []}", nullptr, 0, &required, &err) ==
        MSP_STATUS_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "period: expected an object, got 1");
  CHECK(msp_availability_json(nullptr, nullptr, 0, &required, &err) == MSP_STATUS_INVALID_ARGUMENT);
}

TEST_CASE("availability: the C++ API takes decoded records", "[availability]") {
  MonitoringEvent e;
  e.tenant = "acme";
  e.device_id = "SRV-1";
  e.opened = parse_instant("2025-04-10T10:00:00Z");
  e.resolved = parse_instant("2025-04-10T10:43:00Z");
  e.outage = true;
  const MonitoringEvent events[] = {e};
  AvailabilityOptions options;
  options.target = Decimal::parse("99.9");
  const AvailabilityResult r =
      availability(events, {parse_instant("2025-04-01T00:00:00Z"), parse_instant("2025-05-01T00:00:00Z")}, options);
  REQUIRE(r.devices.size() == 1);
  CHECK(r.devices[0].measures.availability_pct->to_string() == "99.9004");
  CHECK(r.devices[0].measures.target_met == true);
  CHECK(r.clients[0].devices == 1);
}

TEST_CASE("read_monitoring_event reads every field", "[availability][records]") {
  const json doc = {{"tenant", "acme"},     {"device_id", "SRV-1"},  {"source", "datto_rmm"},
                    {"id", "A-7"},          {"monitor", "online_offline_status_ctx"},
                    {"priority", "critical"}, {"opened", "2025-04-10T12:00:00+02:00"},
                    {"resolved", nullptr},  {"outage", true},        {"ticket", "T-9"},
                    {"detail", "offline"}};
  const JsonFields fields(doc, kMonitoringEventFields, "events[0]");
  const MonitoringEvent e = read_monitoring_event(fields, 0);
  CHECK(e.source == "datto_rmm");
  CHECK(e.id == "A-7");
  CHECK(e.monitor == "online_offline_status_ctx");
  CHECK(e.priority == EventPriority::Critical);
  CHECK(format_instant(e.opened) == "2025-04-10T10:00:00Z");
  CHECK_FALSE(e.resolved.has_value());  // null: still open
  CHECK(e.outage);
  CHECK(e.ticket == "T-9");
  CHECK(e.detail == "offline");
  const json minimal = {{"tenant", "acme"}, {"device_id", "SRV-1"}, {"opened", "2025-04-10"}};
  const MonitoringEvent m = read_monitoring_event(JsonFields(minimal, kMonitoringEventFields, "events[0]"), 0);
  CHECK(m.priority == EventPriority::Unknown);
  CHECK_FALSE(m.outage);
  CHECK(format_instant(m.opened) == "2025-04-10T00:00:00Z");  // a date is midnight UTC
  // resolved == opened is allowed: a zero-length event (no downtime).
  const json instant = {{"tenant", "a"}, {"device_id", "d"}, {"opened", "2025-04-10T00:00:00Z"},
                        {"resolved", "2025-04-10T00:00:00Z"}};
  CHECK(read_monitoring_event(JsonFields(instant, kMonitoringEventFields, "events[0]"), 0).resolved.has_value());
  const json empty = {{"tenant", ""}, {"device_id", "d"}, {"opened", "2025-04-10"}};
  CHECK(error_text_of([&] { (void)read_monitoring_event(JsonFields(empty, kMonitoringEventFields, "events[3]"), 3); }) ==
        "INVALID_ARGUMENT: events[3].tenant must not be empty");
}
