"""mspcore.import_rmm on every sample file: frames with the field names, the same records with and
without a store, a store report, a re-import that changes nothing, and frames that go back as
they are into the store's reads (the same columns and dtypes)."""
import pandas as pd
import pytest

import mspcore as msp

SAMPLES = [("datto_rmm_device_and_alert.synthetic.json", "datto_rmm"),
           ("datto_bcdr_and_saas.synthetic.json", "datto_bcdr"),
           ("cove_account_statistics.synthetic.json", "cove")]
KINDS = ("devices", "backup_results", "patches", "events")


def _sorted(frame):
    return frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)


@pytest.mark.parametrize("name,vendor", SAMPLES)
def test_import_into_frames_and_store(shared_data, tmp_path, name, vendor):
    path = shared_data / "rmm" / name
    read = msp.import_rmm(path, vendor, default_tenant="Acme Industries")
    assert read.report is None
    records = sum(len(getattr(read, k)) for k in KINDS)
    assert records > 0
    assert list(read.issues.columns) == ["file", "row", "field", "code", "message"]
    first = msp.import_rmm(path, vendor, store=tmp_path / "rmm.db", default_tenant="Acme Industries")
    assert first.report["inserted"] == records
    assert first.report["issues"] == len(read.issues)
    for kind in KINDS:
        pd.testing.assert_frame_equal(getattr(first, kind), getattr(read, kind))
    with msp.RmmStore(tmp_path / "rmm.db") as store:
        again = store.import_rmm(path, vendor, default_tenant="Acme Industries")
        assert again.report == {"run_id": 2, "batches": again.report["batches"], "inserted": 0, "updated": 0,
                                "unchanged": records, "issues": len(read.issues)}
        for kind in KINDS:
            pd.testing.assert_frame_equal(_sorted(getattr(store, kind)()), _sorted(getattr(read, kind)))
        assert len(store.issues()) == len(read.issues)
        assert list(store.runs()["id"]) == [1, 2]


def test_import_errors_are_coded(shared_data, tmp_path):
    with pytest.raises(msp.InvalidArgumentError, match="kaseya"):
        msp.import_rmm(shared_data / "rmm" / SAMPLES[2][0], "kaseya")
    with pytest.raises(msp.Error):
        msp.import_rmm(tmp_path / "missing.json", "cove")
    with pytest.raises(msp.InvalidTypeError):
        msp.import_rmm(shared_data / "rmm" / SAMPLES[2][0], "cove", tenants=["a"])
