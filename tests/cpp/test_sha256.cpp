#include <mspcore/contract/trueup.hpp>

#include "core/sha256.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace mspcore;

TEST_CASE("sha256: FIPS 180-2 test vectors", "[sha256]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: padding at the block boundaries (55, 56, 63, 64 bytes)", "[sha256]") {
  // Reference values from Python's hashlib.sha256(b"a" * n).
  CHECK(sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(sha256_hex(std::string(63, 'a')) == "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  CHECK(sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("sha256: updates in pieces hash like one piece", "[sha256]") {
  const std::string million(1000000, 'a');
  Sha256 h;
  for (std::size_t at = 0; at < million.size(); at += 7) h.update(std::string_view(million).substr(at, 7));
  CHECK(h.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

namespace {

ContractLine line(const char* line_id, std::int64_t quantity) {
  ContractLine l;
  l.tenant = "acme";
  l.contract_id = "C-1";
  l.line_id = line_id;
  l.sku = "M365-BP";
  l.quantity = quantity;
  l.term_start = std::chrono::sys_days(std::chrono::year{2024} / 1 / 1);
  return l;
}

Observation seen(std::vector<BillableUnit> units) {
  Observation o;
  o.tenant = "acme";
  o.sku = "M365-BP";
  o.source = ObservationSource::License;
  o.quantity = static_cast<std::int64_t>(units.size());
  o.as_of = parse_instant("2024-03-01T00:00:00Z");
  o.units = std::move(units);
  return o;
}

}  // namespace

TEST_CASE("trueup fingerprint: empty inputs hash to the SHA-256 of nothing", "[fingerprint][trueup]") {
  const InputFingerprints f = fingerprint_inputs({}, {}, SkuMap{}, TrueUpRules{});
  CHECK(f.contracts == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(f.observations == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(f.sku_map == "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945");  // SHA-256 of "[]"
  CHECK(f.rules.size() == 64);
}

TEST_CASE("trueup fingerprint: input order does not matter, content does", "[fingerprint][trueup]") {
  const std::vector<ContractLine> ab{line("L-1", 10), line("L-2", 5)};
  const std::vector<ContractLine> ba{line("L-2", 5), line("L-1", 10)};
  const std::vector<ContractLine> changed{line("L-1", 11), line("L-2", 5)};
  const InputFingerprints f = fingerprint_inputs(ab, {}, SkuMap{}, TrueUpRules{});
  CHECK(fingerprint_inputs(ba, {}, SkuMap{}, TrueUpRules{}).contracts == f.contracts);
  const InputFingerprints g = fingerprint_inputs(changed, {}, SkuMap{}, TrueUpRules{});
  CHECK(g.contracts != f.contracts);
  CHECK(g.observations == f.observations);
  CHECK(g.rules == f.rules);
  // A duplicate is a different input, not the same one.
  const std::vector<ContractLine> twice{line("L-1", 10), line("L-1", 10), line("L-2", 5)};
  CHECK(fingerprint_inputs(twice, {}, SkuMap{}, TrueUpRules{}).contracts != f.contracts);

  SkuMap one, two;
  one.add("Microsoft 365 Business Premium", "M365-BP");
  one.add("O365 E3", "O365-E3");
  two.add("o365 e3 ", "O365-E3");
  two.add("microsoft 365 business premium", "M365-BP");
  CHECK(fingerprint_inputs({}, {}, one, TrueUpRules{}).sku_map == fingerprint_inputs({}, {}, two, TrueUpRules{}).sku_map);

  TrueUpRules keep_shared;
  keep_shared.exclude_shared = false;
  CHECK(fingerprint_inputs({}, {}, SkuMap{}, keep_shared).rules != f.rules);
}

TEST_CASE("trueup fingerprint: units compare as reconcile counts them", "[fingerprint][trueup]") {
  const std::vector<Observation> a{seen({{"ann@acme.test"}, {"bob@acme.test", true}})};
  const std::vector<Observation> b{seen({{"  BOB@acme.test", true}, {"Ann@Acme.test"}})};
  const std::vector<Observation> flag{seen({{"ann@acme.test"}, {"bob@acme.test", false, true}})};
  const auto fp = [](const std::vector<Observation>& o) {
    return fingerprint_inputs({}, o, SkuMap{}, TrueUpRules{}).observations;
  };
  CHECK(fp(a) == fp(b));
  CHECK(fp(a) != fp(flag));
  Observation no_detail = seen({});
  no_detail.units.reset();
  CHECK(fp({seen({})}) != fp({no_detail}));
}
